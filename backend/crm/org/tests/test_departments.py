"""Departments through the API: the tree, its filters, edits, moves, disabling and deleting,
and who may do what (admin everything, the manager inside 华东大区, others read or nothing)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from crm.audit.models import AuditEvent
from crm.org.models import Department, DepartmentKind, DepartmentStatus
from crm.org.services import create_department, disable_department, move_person

URL = "/api/v1/departments/"


def names(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [row["name"] for row in response.json()["results"]]


def department_count() -> int:
    return Department.objects.count()


# --- create ---------------------------------------------------------------------------


def test_admin_creates_a_group_and_reads_it_back(cast, as_person):
    response = as_person("admin").post(
        URL,
        {
            "name": "南京组",
            "kind": "group",
            "parent": cast.east_region.id,
            "description": "南京市区",
            "manager": cast.rep_liu.id,
        },
    )

    assert response.status_code == 201
    body = response.json()
    group = Department.objects.get(name="南京组")
    assert body == {
        "id": group.id,
        "name": "南京组",
        "kind": "group",
        "description": "南京市区",
        "parent": cast.east_region.id,
        "parent_name": "华东大区",
        "manager": cast.rep_liu.id,
        "manager_name": "刘洋",
        "status": "active",
        "member_count": 0,
        "created_at": body["created_at"],
    }
    assert group.path == f"{cast.east_region.path}{group.id}/"
    event = AuditEvent.objects.get(action="department_created", target_id=str(group.id))
    assert event.actor == cast.admin
    assert event.target_type == "department"
    assert event.after["parent_id"] == cast.east_region.id


def test_a_department_reads_its_current_member_count(cast, as_person):
    body = as_person("admin").get(f"{URL}{cast.shanghai_group.id}/").json()

    assert body["member_count"] == 3
    assert body["parent_name"] == "华东大区"
    assert body["manager_name"] == "陈静"
    assert body["kind"] == "group"


def test_a_group_cannot_hold_units(cast, as_person):
    before = department_count()

    response = as_person("admin").post(URL, {"name": "浦东小组", "kind": "group", "parent": cast.shanghai_group.id})

    assert response.status_code == 400
    assert response.json() == {
        "code": "validation_failed",
        "message": "销售组下不能再设下级",
        "fields": {"parent": ["销售组不能作为上级"]},
    }
    assert department_count() == before


def test_a_company_cannot_have_a_parent(cast, as_person):
    before = department_count()

    response = as_person("admin").post(URL, {"name": "子公司", "kind": "company", "parent": cast.company.id})

    assert response.status_code == 400
    assert response.json()["fields"] == {"parent": ["公司不能有上级"]}
    assert department_count() == before


def test_a_department_needs_a_parent(cast, as_person):
    before = department_count()

    response = as_person("admin").post(URL, {"name": "华南大区", "kind": "department", "parent": None})

    assert response.status_code == 400
    assert response.json()["message"] == "部门和销售组必须有上级"
    assert response.json()["fields"] == {"parent": ["请选择上级部门"]}
    assert department_count() == before


def test_a_missing_parent_is_a_field_error(cast, as_person):
    response = as_person("admin").post(URL, {"name": "华南大区", "kind": "department", "parent": 999999})

    assert response.status_code == 400
    assert response.json()["code"] == "validation_failed"
    assert list(response.json()["fields"]) == ["parent"]


def test_sibling_names_are_unique(cast, as_person):
    before = department_count()

    response = as_person("admin").post(URL, {"name": "杭州组", "kind": "group", "parent": cast.east_region.id})

    assert response.status_code == 409
    assert response.json() == {
        "code": "duplicate_name",
        "message": "同一上级下已有名为 杭州组 的部门",
        "fields": {"name": ["名称重复"]},
    }
    assert department_count() == before


def test_the_same_name_is_fine_under_another_parent(cast, as_person):
    response = as_person("admin").post(URL, {"name": "杭州组", "kind": "group", "parent": cast.service_department.id})

    assert response.status_code == 201
    assert response.json()["parent_name"] == "客服部"


# --- edit and move --------------------------------------------------------------------


def test_admin_renames_a_department_and_the_change_is_audited(cast, as_person):
    response = as_person("admin").patch(f"{URL}{cast.hangzhou_group.id}/", {"name": "杭州一组"})

    assert response.status_code == 200
    assert response.json()["name"] == "杭州一组"
    event = AuditEvent.objects.get(action="department_updated", target_id=str(cast.hangzhou_group.id))
    assert event.before["name"] == "杭州组"
    assert event.after["name"] == "杭州一组"


def test_moving_a_department_rewrites_the_paths_below_it(cast, as_person):
    response = as_person("admin").patch(f"{URL}{cast.east_region.id}/", {"parent": cast.service_department.id})

    assert response.status_code == 200
    assert response.json()["parent"] == cast.service_department.id
    assert response.json()["parent_name"] == "客服部"
    base = f"/{cast.company.id}/{cast.service_department.id}/{cast.east_region.id}/"
    assert Department.objects.get(id=cast.east_region.id).path == base
    assert Department.objects.get(id=cast.shanghai_group.id).path == f"{base}{cast.shanghai_group.id}/"
    assert Department.objects.get(id=cast.hangzhou_group.id).path == f"{base}{cast.hangzhou_group.id}/"
    assert Department.objects.get(id=cast.service_department.id).path == cast.service_department.path


def test_a_department_cannot_move_below_itself(cast, as_person):
    response = as_person("admin").patch(f"{URL}{cast.east_region.id}/", {"parent": cast.east_region.id})

    assert response.status_code == 400
    assert response.json()["fields"] == {"parent": ["不能选择自身或下级"]}
    assert Department.objects.get(id=cast.east_region.id).parent_id == cast.company.id


def test_a_department_with_children_cannot_become_a_group(cast, as_person):
    response = as_person("admin").patch(f"{URL}{cast.east_region.id}/", {"kind": "group"})

    assert response.status_code == 400
    assert response.json()["fields"] == {"kind": ["该部门有下级"]}
    assert Department.objects.get(id=cast.east_region.id).kind == DepartmentKind.DEPARTMENT


# --- tree -----------------------------------------------------------------------------


def test_the_tree_nests_the_cast(cast, as_person):
    response = as_person("admin").get(f"{URL}tree/")

    assert response.status_code == 200

    def node(unit, manager_name, members, children):  # type: ignore[no-untyped-def]
        return {
            "id": unit.id,
            "name": unit.name,
            "kind": unit.kind,
            "status": "active",
            "parent": unit.parent_id,
            "manager_name": manager_name,
            "member_count": members,
            "children": children,
        }

    assert response.json() == [
        node(
            cast.company,
            "",
            2,
            [
                node(
                    cast.east_region,
                    "王建国",
                    1,
                    [node(cast.shanghai_group, "陈静", 3, []), node(cast.hangzhou_group, "", 1, [])],
                ),
                node(cast.service_department, "赵敏", 1, []),
            ],
        )
    ]


def test_the_tree_keeps_siblings_in_creation_order_across_id_lengths(cast, as_person):
    # Paths compare as text: a unit whose id has one digit more ("/1/10/") sorts before "/1/2/".
    longer_id = 10 ** len(str(Department.objects.order_by("-id").first().id))
    Department.objects.create(
        id=longer_id, name="华南大区", kind="department", parent=cast.company, path=f"{cast.company.path}{longer_id}/"
    )

    tree = as_person("admin").get(f"{URL}tree/").json()

    assert [child["name"] for child in tree[0]["children"]] == ["华东大区", "客服部", "华南大区"]
    assert [child["name"] for child in tree[0]["children"][0]["children"]] == ["上海一组", "杭州组"]


def test_the_tree_puts_a_unit_moved_under_a_newer_one_below_it(cast, as_person):
    newer = create_department(actor=cast.admin, name="华南大区", kind="department", parent=cast.company)
    as_person("admin").patch(f"{URL}{cast.service_department.id}/", {"parent": newer.id})

    tree = as_person("admin").get(f"{URL}tree/").json()

    assert len(tree) == 1
    assert [child["name"] for child in tree[0]["children"]] == ["华东大区", "华南大区"]
    assert [child["name"] for child in tree[0]["children"][1]["children"]] == ["客服部"]


def test_the_manager_sees_a_tree_rooted_at_his_department(cast, as_person):
    tree = as_person("manager").get(f"{URL}tree/").json()

    assert [(node["name"], [child["name"] for child in node["children"]]) for node in tree] == [
        ("华东大区", ["上海一组", "杭州组"])
    ]


# --- list, filters, ordering ----------------------------------------------------------


def test_admin_lists_every_unit_depth_first(cast, as_person):
    response = as_person("admin").get(URL)

    assert response.status_code == 200
    assert response.json()["count"] == 5
    ids = [row["id"] for row in response.json()["results"]]
    assert set(ids) == {
        cast.company.id,
        cast.east_region.id,
        cast.shanghai_group.id,
        cast.hangzhou_group.id,
        cast.service_department.id,
    }
    assert ids[0] == cast.company.id
    assert ids.index(cast.east_region.id) < ids.index(cast.shanghai_group.id)


def test_search_matches_name_and_description(cast, as_person):
    client = as_person("admin")

    assert names(client.get(URL, {"search": "杭州"})) == ["杭州组"]
    assert names(client.get(URL, {"search": "投诉"})) == ["客服部"]


def test_filter_by_kind_and_status(cast, as_person):
    disable_department(actor=cast.admin, department=cast.hangzhou_group)
    client = as_person("admin")

    assert sorted(names(client.get(URL, {"kind": "group"}))) == sorted(["上海一组", "杭州组"])
    assert names(client.get(URL, {"kind": "company"})) == ["康源医药"]
    assert names(client.get(URL, {"status": "disabled"})) == ["杭州组"]
    assert client.get(URL, {"status": "active"}).json()["count"] == 4


def test_filter_by_manager_and_manager_name(cast, as_person):
    client = as_person("admin")

    assert names(client.get(URL, {"manager": cast.supervisor.id})) == ["上海一组"]
    assert names(client.get(URL, {"manager_name": "赵"})) == ["客服部"]
    assert client.get(URL, {"manager_name": "nobody"}).json()["count"] == 0


def test_filter_by_parent(cast, as_person):
    rows = as_person("admin").get(URL, {"parent": cast.east_region.id, "ordering": "name"})

    assert names(rows) == sorted(["上海一组", "杭州组"])


def test_ordering_by_name_and_kind(cast, as_person):
    client = as_person("admin")
    all_names = ["康源医药", "华东大区", "上海一组", "杭州组", "客服部"]

    assert names(client.get(URL, {"ordering": "name"})) == sorted(all_names)
    assert names(client.get(URL, {"ordering": "-name"})) == sorted(all_names, reverse=True)
    kinds = [row["kind"] for row in client.get(URL, {"ordering": "kind"}).json()["results"]]
    assert kinds == sorted(kinds)


# --- disable and enable ---------------------------------------------------------------


def test_disabling_is_refused_while_children_are_active(cast, as_person):
    response = as_person("admin").post(f"{URL}{cast.east_region.id}/disable/")

    assert response.status_code == 409
    assert response.json() == {
        "code": "department_in_use",
        "message": "华东大区 还有 2 个启用中的下级，请先停用下级",
        "fields": {},
    }
    assert Department.objects.get(id=cast.east_region.id).status == DepartmentStatus.ACTIVE


def test_disable_the_children_then_the_department(cast, as_person):
    client = as_person("admin")

    assert client.post(f"{URL}{cast.shanghai_group.id}/disable/").json()["status"] == "disabled"
    assert client.post(f"{URL}{cast.hangzhou_group.id}/disable/").json()["status"] == "disabled"
    response = client.post(f"{URL}{cast.east_region.id}/disable/")

    assert response.status_code == 200
    assert response.json()["status"] == "disabled"
    event = AuditEvent.objects.get(action="department_disabled", target_id=str(cast.east_region.id))
    assert (event.before, event.after) == ({"status": "active"}, {"status": "disabled"})


def test_enabling_under_a_disabled_parent_is_refused(cast, as_person):
    client = as_person("admin")
    client.post(f"{URL}{cast.shanghai_group.id}/disable/")
    client.post(f"{URL}{cast.hangzhou_group.id}/disable/")
    client.post(f"{URL}{cast.east_region.id}/disable/")

    response = client.post(f"{URL}{cast.hangzhou_group.id}/enable/")

    assert response.status_code == 409
    assert response.json()["code"] == "parent_disabled"
    assert response.json()["message"] == "上级 华东大区 已停用，请先启用上级"
    assert Department.objects.get(id=cast.hangzhou_group.id).status == DepartmentStatus.DISABLED


def test_enable_after_the_parent_is_enabled(cast, as_person):
    client = as_person("admin")
    client.post(f"{URL}{cast.hangzhou_group.id}/disable/")

    response = client.post(f"{URL}{cast.hangzhou_group.id}/enable/")

    assert response.status_code == 200
    assert response.json()["status"] == "active"
    assert AuditEvent.objects.filter(action="department_enabled", target_id=str(cast.hangzhou_group.id)).count() == 1


def test_disabling_twice_is_a_conflict(cast, as_person):
    client = as_person("admin")
    client.post(f"{URL}{cast.hangzhou_group.id}/disable/")

    response = client.post(f"{URL}{cast.hangzhou_group.id}/disable/")

    assert response.status_code == 409
    assert response.json()["code"] == "already_disabled"


# --- delete ---------------------------------------------------------------------------


def test_a_unit_with_members_cannot_be_deleted(cast, as_person):
    response = as_person("admin").delete(f"{URL}{cast.hangzhou_group.id}/")

    assert response.status_code == 409
    assert response.json() == {
        "code": "department_in_use",
        "message": "杭州组 仍有 1 名人员，请先调出人员",
        "fields": {},
    }
    assert Department.objects.filter(id=cast.hangzhou_group.id).exists()


def test_a_unit_with_children_cannot_be_deleted(cast, as_person):
    empty = create_department(actor=cast.admin, name="华南大区", kind="department", parent=cast.company)
    create_department(actor=cast.admin, name="广州组", kind="group", parent=empty)

    response = as_person("admin").delete(f"{URL}{empty.id}/")

    assert response.status_code == 409
    assert response.json()["code"] == "department_in_use"
    assert response.json()["message"] == "华南大区 仍有 1 个下级部门或销售组"
    assert Department.objects.filter(id=empty.id).exists()


def test_a_unit_with_past_members_cannot_be_deleted(cast, as_person):
    move_person(actor=cast.admin, person=cast.rep_liu, department=cast.shanghai_group, reason="调岗")

    response = as_person("admin").delete(f"{URL}{cast.hangzhou_group.id}/")

    assert response.status_code == 409
    assert response.json()["code"] == "department_in_use"
    assert response.json()["message"] == "杭州组 有人员任职历史，业绩统计需要它，只能停用不能删除"
    assert Department.objects.filter(id=cast.hangzhou_group.id).exists()
    assert not AuditEvent.objects.filter(action="department_deleted").exists()


def test_an_empty_unit_is_deleted_and_audited(cast, as_person):
    empty = create_department(actor=cast.admin, name="临时组", kind="group", parent=cast.east_region)

    response = as_person("admin").delete(f"{URL}{empty.id}/")

    assert response.status_code == 204
    assert not Department.objects.filter(id=empty.id).exists()
    event = AuditEvent.objects.get(action="department_deleted")
    assert event.target_id == str(empty.id)
    assert event.target_label == "临时组"
    assert event.actor == cast.admin
    assert event.before["name"] == "临时组"


# --- who may do what ------------------------------------------------------------------


def test_the_manager_sees_only_his_department_and_its_groups(cast, as_person):
    response = as_person("manager").get(URL)

    assert response.status_code == 200
    assert {row["id"] for row in response.json()["results"]} == {
        cast.east_region.id,
        cast.shanghai_group.id,
        cast.hangzhou_group.id,
    }
    assert as_person("manager").get(f"{URL}{cast.service_department.id}/").status_code == 404


def test_the_manager_creates_a_group_under_his_department(cast, as_person):
    response = as_person("manager").post(URL, {"name": "苏州组", "kind": "group", "parent": cast.east_region.id})

    assert response.status_code == 201
    assert response.json()["parent_name"] == "华东大区"
    assert Department.objects.get(name="苏州组").parent_id == cast.east_region.id


def test_the_manager_cannot_create_under_a_unit_out_of_his_scope(cast, as_person):
    before = department_count()

    response = as_person("manager").post(URL, {"name": "投诉组", "kind": "group", "parent": cast.service_department.id})

    assert response.status_code == 400
    assert response.json() == {
        "code": "validation_failed",
        "message": "上级部门不存在",
        "fields": {"parent": ["上级部门不存在"]},
    }
    assert department_count() == before


def test_the_manager_cannot_edit_a_unit_out_of_his_scope(cast, as_person):
    response = as_person("manager").patch(f"{URL}{cast.service_department.id}/", {"name": "售后部"})

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert Department.objects.get(id=cast.service_department.id).name == "客服部"


def test_the_manager_edits_his_department_with_the_form_it_was_read_with(cast, as_person):
    # The edit form sends every field back, the parent (康源医药, out of his scope) included.
    client = as_person("manager")
    current = client.get(f"{URL}{cast.east_region.id}/").json()

    response = client.patch(
        f"{URL}{cast.east_region.id}/",
        {
            "name": current["name"],
            "kind": current["kind"],
            "description": "上海、江苏、浙江、安徽",
            "parent": current["parent"],
            "manager": current["manager"],
        },
    )

    assert response.status_code == 200
    assert response.json()["description"] == "上海、江苏、浙江、安徽"
    assert Department.objects.get(id=cast.east_region.id).parent_id == cast.company.id


def test_the_manager_cannot_move_his_department_out_of_his_scope(cast, as_person):
    response = as_person("manager").patch(f"{URL}{cast.hangzhou_group.id}/", {"parent": cast.service_department.id})

    assert response.status_code == 400
    assert response.json()["fields"] == {"parent": ["上级部门不存在"]}
    assert Department.objects.get(id=cast.hangzhou_group.id).parent_id == cast.east_region.id


def test_the_supervisor_reads_his_group_but_cannot_write(cast, as_person):
    client = as_person("supervisor")
    before = department_count()

    listed = client.get(URL)
    created = client.post(URL, {"name": "浦东组", "kind": "group", "parent": cast.east_region.id})
    edited = client.patch(f"{URL}{cast.shanghai_group.id}/", {"name": "上海组"})
    disabled = client.post(f"{URL}{cast.shanghai_group.id}/disable/")

    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["results"]] == [cast.shanghai_group.id]
    assert (created.status_code, edited.status_code, disabled.status_code) == (403, 403, 403)
    assert created.json()["code"] == "permission_denied"
    assert department_count() == before
    unit = Department.objects.get(id=cast.shanghai_group.id)
    assert (unit.name, unit.status) == ("上海一组", DepartmentStatus.ACTIVE)


def test_reps_and_after_sales_cannot_list_departments(cast, as_person):
    for name in ["rep_li", "rep_zhang", "rep_liu", "after_sales"]:
        response = as_person(name).get(URL)
        assert response.status_code == 403, name
        assert response.json() == {"code": "permission_denied", "message": "没有执行此操作的权限", "fields": {}}


def test_members_of_a_unit(cast, as_person):
    response = as_person("manager").get(f"{URL}{cast.shanghai_group.id}/members/")

    assert response.status_code == 200
    assert sorted(row["username"] for row in response.json()) == ["rep_li", "rep_zhang", "supervisor"]


# --- queries --------------------------------------------------------------------------


def test_the_department_list_costs_the_same_queries_for_more_rows(cast, as_person, django_assert_max_num_queries):
    client = as_person("admin")
    client.get(URL)  # the session's first request also touches the session row
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for number in range(10):
        unit = create_department(actor=cast.admin, name=f"分部{number}", kind="department", parent=cast.company)
        create_department(actor=cast.admin, name=f"小组{number}", kind="group", parent=unit, manager=cast.rep_li)

    with django_assert_max_num_queries(8):
        response = client.get(URL)

    assert response.json()["count"] == 25
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(few)


def test_the_manager_cannot_make_someone_outside_his_tree_a_manager(cast, as_person):
    response = as_person("manager").patch(
        f"/api/v1/departments/{cast.hangzhou_group.id}/", {"manager": cast.after_sales.id}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["fields"] == {"manager": ["负责人不存在"]}
    cast.hangzhou_group.refresh_from_db()
    assert cast.hangzhou_group.manager_id is None


def test_the_manager_can_make_a_rep_of_his_tree_a_group_manager(cast, as_person):
    response = as_person("manager").patch(
        f"/api/v1/departments/{cast.hangzhou_group.id}/", {"manager": cast.rep_liu.id}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["manager_name"] == "刘洋"
