"""People through the API: who sees whom, creating, editing, disabling, passwords, invite codes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from crm.accounts.models import Role, User
from crm.accounts.services import _INVITE_ALPHABET, create_user
from crm.audit.models import AuditEvent
from crm.org.models import Membership

URL = "/api/v1/users/"
EVERYONE = {"admin", "executive", "manager", "supervisor", "rep_li", "rep_zhang", "rep_liu", "after_sales"}
NEW_PASSWORD = "Qianjin#5821"


def role(code: str) -> Role:
    return Role.objects.get(code=code)


def usernames(response) -> set[str]:  # type: ignore[no-untyped-def]
    return {row["username"] for row in response.json()["results"]}


def new_rep(cast, **overrides):  # type: ignore[no-untyped-def]
    body = {
        "username": "rep_wang",
        "display_name": "王芳",
        "email": "rep_wang@kangyuan-pharma.example",
        "department": cast.hangzhou_group.id,
        "roles": [role("sales_rep").id],
        "password": NEW_PASSWORD,
    }
    return {**body, **overrides}


# --- who sees whom --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("viewer", "visible"),
    [
        ("admin", EVERYONE),
        ("executive", EVERYONE),
        ("manager", {"manager", "supervisor", "rep_li", "rep_zhang", "rep_liu"}),
        ("supervisor", {"supervisor", "rep_li", "rep_zhang"}),
    ],
)
def test_each_viewer_lists_the_people_of_their_scope(cast, as_person, viewer, visible):
    response = as_person(viewer).get(URL)

    assert response.status_code == 200
    assert usernames(response) == visible
    assert response.json()["count"] == len(visible)


def test_after_sales_sees_everyone_but_cannot_list_people(cast, as_person):
    # 售后 has the "all" scope but not accounts.view_user.
    response = as_person("after_sales").get(URL)

    assert response.status_code == 403


@pytest.mark.parametrize("viewer", ["rep_li", "rep_zhang", "rep_liu"])
def test_reps_cannot_list_people(cast, as_person, viewer):
    response = as_person(viewer).get(URL)

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_a_user_reads_with_department_and_roles(cast, as_person):
    response = as_person("admin").get(f"{URL}{cast.rep_li.id}/")

    assert response.status_code == 200
    body = response.json()
    assert body == {
        "id": cast.rep_li.id,
        "username": "rep_li",
        "display_name": "李明",
        "email": "rep_li@kangyuan-pharma.example",
        "department": cast.shanghai_group.id,
        "department_name": "上海一组",
        "roles": [role("sales_rep").id],
        "role_names": ["销售员"],
        "invite_code": cast.rep_li.invite_code,
        "is_active": True,
        "last_login": None,
        "date_joined": body["date_joined"],
    }


def test_someone_out_of_scope_answers_exactly_like_a_missing_id(cast, as_person):
    client = as_person("supervisor")

    out_of_scope = client.get(f"{URL}{cast.rep_liu.id}/")
    missing = client.get(f"{URL}999999/")

    assert out_of_scope.status_code == missing.status_code == 404
    assert out_of_scope.json() == missing.json() == {"code": "not_found", "message": "记录不存在", "fields": {}}


def test_filters_search_department_role_and_activity(cast, as_person):
    client = as_person("admin")

    assert usernames(client.get(URL, {"search": "刘"})) == {"rep_liu"}
    assert usernames(client.get(URL, {"department": cast.shanghai_group.id})) == {"supervisor", "rep_li", "rep_zhang"}
    assert usernames(client.get(URL, {"role": role("sales_rep").id})) == {"rep_li", "rep_zhang", "rep_liu"}
    client.post(f"{URL}{cast.rep_zhang.id}/disable/")
    assert usernames(client.get(URL, {"is_active": "false"})) == {"rep_zhang"}


# --- create ---------------------------------------------------------------------------


def test_admin_creates_a_user_with_an_invite_code_and_a_membership(cast, as_person):
    response = as_person("admin").post(URL, new_rep(cast))

    assert response.status_code == 201
    user = User.objects.get(username="rep_wang")
    body = response.json()
    assert body["id"] == user.id
    assert (body["display_name"], body["department"], body["department_name"]) == (
        "王芳",
        cast.hangzhou_group.id,
        "杭州组",
    )
    assert body["roles"] == [role("sales_rep").id]
    assert len(user.invite_code) == 8
    assert set(user.invite_code) <= set(_INVITE_ALPHABET)
    assert body["invite_code"] == user.invite_code
    assert user.check_password(NEW_PASSWORD)
    membership = Membership.objects.get(person=user)
    assert (membership.department_id, membership.ended_at, membership.reason) == (
        cast.hangzhou_group.id,
        None,
        "新建用户",
    )
    event = AuditEvent.objects.get(action="user_created", target_id=str(user.id))
    assert event.actor == cast.admin
    assert event.after == {
        "display_name": "王芳",
        "email": "rep_wang@kangyuan-pharma.example",
        "is_active": True,
        "department": "杭州组",
        "roles": ["sales_rep"],
    }


def test_invite_codes_are_unique_and_avoid_ambiguous_characters(cast):
    codes = {person.invite_code for person in cast.people().values()}

    assert len(codes) == 8
    assert not set("".join(codes)) & set("01IO")


def test_a_weak_password_is_refused_with_every_problem(cast, as_person):
    response = as_person("admin").post(URL, new_rep(cast, password="short"))

    assert response.status_code == 400
    assert response.json() == {
        "code": "weak_password",
        "message": "密码至少需要 10 个字符",
        "fields": {"password": ["密码至少需要 10 个字符", "密码必须包含数字", "密码必须包含特殊字符（如 !@#$%）"]},
    }
    assert not User.objects.filter(username="rep_wang").exists()


def test_a_taken_username_is_a_conflict_whatever_its_case(cast, as_person):
    before = User.objects.count()

    response = as_person("admin").post(URL, new_rep(cast, username="REP_LI"))

    assert response.status_code == 409
    assert response.json() == {
        "code": "duplicate_username",
        "message": "用户名 REP_LI 已被使用",
        "fields": {"username": ["用户名已存在"]},
    }
    assert User.objects.count() == before


def test_a_malformed_username_is_a_field_error(cast, as_person):
    response = as_person("admin").post(URL, new_rep(cast, username="王 芳"))

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["username"]


def test_the_manager_creates_a_rep_in_his_group(cast, as_person):
    response = as_person("manager").post(URL, new_rep(cast))

    assert response.status_code == 201
    user = User.objects.get(username="rep_wang")
    assert user.department_id == cast.hangzhou_group.id
    assert [r.code for r in user.roles.all()] == ["sales_rep"]
    assert AuditEvent.objects.get(action="user_created", target_id=str(user.id)).actor == cast.manager


@pytest.mark.parametrize(("code", "name"), [("admin", "管理员"), ("executive", "高管")])
def test_the_manager_cannot_grant_a_wider_role(cast, as_person, code, name):
    before = User.objects.count()

    response = as_person("manager").post(URL, new_rep(cast, roles=[role(code).id]))

    assert response.status_code == 403
    assert response.json() == {
        "code": "permission_denied",
        "message": f"您不能授予角色：{name}",
        "fields": {"roles": [f"您不能授予角色：{name}"]},
    }
    assert User.objects.count() == before
    assert not AuditEvent.objects.filter(action="user_created", actor=cast.manager).exists()


def test_the_manager_cannot_create_people_outside_his_tree(cast, as_person):
    before = User.objects.count()

    response = as_person("manager").post(URL, new_rep(cast, department=cast.service_department.id))

    assert response.status_code == 400
    assert response.json()["fields"] == {"department": ["部门不存在"]}
    assert User.objects.count() == before


def test_the_supervisor_cannot_create_people(cast, as_person):
    before = User.objects.count()

    response = as_person("supervisor").post(URL, new_rep(cast, department=cast.shanghai_group.id))

    assert response.status_code == 403
    assert User.objects.count() == before


# --- edit -----------------------------------------------------------------------------


def test_changing_roles_is_audited_with_before_and_after(cast, as_person):
    response = as_person("admin").patch(
        f"{URL}{cast.rep_li.id}/", {"roles": [role("sales_rep").id, role("supervisor").id]}
    )

    assert response.status_code == 200
    assert sorted(response.json()["role_names"]) == sorted(["销售员", "销售主管"])
    event = AuditEvent.objects.get(action="user_roles_changed", target_id=str(cast.rep_li.id))
    assert event.before == {"roles": ["sales_rep"]}
    assert event.after == {"roles": ["sales_rep", "supervisor"]}
    assert not AuditEvent.objects.filter(action="user_updated", target_id=str(cast.rep_li.id)).exists()


def test_editing_name_and_email_is_audited(cast, as_person):
    response = as_person("admin").patch(f"{URL}{cast.rep_li.id}/", {"display_name": "李明明"})

    assert response.status_code == 200
    assert response.json()["display_name"] == "李明明"
    event = AuditEvent.objects.get(action="user_updated", target_id=str(cast.rep_li.id))
    assert (event.before["display_name"], event.after["display_name"]) == ("李明", "李明明")


def test_the_manager_cannot_make_his_rep_an_admin(cast, as_person):
    response = as_person("manager").patch(f"{URL}{cast.rep_liu.id}/", {"roles": [role("admin").id]})

    assert response.status_code == 403
    assert [r.code for r in User.objects.get(id=cast.rep_liu.id).roles.all()] == ["sales_rep"]
    assert not AuditEvent.objects.filter(action="user_roles_changed").exists()


def test_the_manager_cannot_edit_someone_outside_his_tree(cast, as_person):
    response = as_person("manager").patch(f"{URL}{cast.after_sales.id}/", {"display_name": "赵"})

    assert response.status_code == 404
    assert User.objects.get(id=cast.after_sales.id).display_name == "赵敏"


# --- disable, enable ------------------------------------------------------------------


def test_disable_and_enable_a_user(cast, as_person):
    client = as_person("admin")

    disabled = client.post(f"{URL}{cast.rep_li.id}/disable/")
    assert disabled.status_code == 200
    assert disabled.json()["is_active"] is False
    assert User.objects.get(id=cast.rep_li.id).is_active is False

    enabled = client.post(f"{URL}{cast.rep_li.id}/enable/")
    assert enabled.status_code == 200
    assert enabled.json()["is_active"] is True
    assert [e.action for e in AuditEvent.objects.filter(target_type="user", target_id=str(cast.rep_li.id))][:2] == [
        "user_enabled",
        "user_disabled",
    ]


def test_disabling_twice_is_a_conflict(cast, as_person):
    client = as_person("admin")
    client.post(f"{URL}{cast.rep_li.id}/disable/")

    response = client.post(f"{URL}{cast.rep_li.id}/disable/")

    assert response.status_code == 409
    assert response.json()["code"] == "already_disabled"


def test_nobody_disables_themselves(cast, as_person):
    response = as_person("admin").post(f"{URL}{cast.admin.id}/disable/")

    assert response.status_code == 409
    assert response.json() == {"code": "cannot_disable_self", "message": "不能停用自己的账户", "fields": {}}
    assert User.objects.get(id=cast.admin.id).is_active is True


def test_a_disabled_user_cannot_log_in(cast, as_person, password):
    as_person("admin").post(f"{URL}{cast.rep_li.id}/disable/")

    response = APIClient().post("/api/v1/auth/login", {"username": "rep_li", "password": password})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_credentials"


# --- passwords and invite codes -------------------------------------------------------


def test_reset_password_then_the_new_one_logs_in(cast, as_person, password):
    response = as_person("admin").post(f"{URL}{cast.rep_li.id}/reset-password/", {"new_password": NEW_PASSWORD})

    assert response.status_code == 204
    assert APIClient().post("/api/v1/auth/login", {"username": "rep_li", "password": NEW_PASSWORD}).status_code == 200
    old = APIClient().post("/api/v1/auth/login", {"username": "rep_li", "password": password})
    assert old.json()["code"] == "invalid_credentials"
    event = AuditEvent.objects.get(action="password_reset")
    assert (event.actor, event.target_id, event.before, event.after) == (cast.admin, str(cast.rep_li.id), None, None)


def test_reset_password_refuses_a_weak_one(cast, as_person, password):
    response = as_person("admin").post(f"{URL}{cast.rep_li.id}/reset-password/", {"new_password": "abcdefghijk"})

    assert response.status_code == 400
    assert response.json()["fields"] == {"new_password": ["密码必须包含数字", "密码必须包含特殊字符（如 !@#$%）"]}
    assert User.objects.get(id=cast.rep_li.id).check_password(password)


def test_regenerating_the_invite_code_changes_it(cast, as_person):
    before = cast.rep_li.invite_code

    response = as_person("manager").post(f"{URL}{cast.rep_li.id}/regenerate-invite-code/")

    assert response.status_code == 200
    after = User.objects.get(id=cast.rep_li.id).invite_code
    assert after != before
    assert response.json()["invite_code"] == after
    event = AuditEvent.objects.get(action="invite_code_regenerated")
    assert (event.before, event.after) == ({"invite_code": before}, {"invite_code": after})


def test_the_memberships_of_a_user_newest_first(cast, as_person):
    as_person("admin").post(f"{URL}{cast.rep_li.id}/move/", {"department": cast.hangzhou_group.id, "reason": "调岗"})
    as_person("admin").post(f"{URL}{cast.rep_li.id}/move/", {"department": cast.shanghai_group.id, "reason": "调回"})

    response = as_person("manager").get(f"{URL}{cast.rep_li.id}/memberships/")

    assert response.status_code == 200
    assert [(row["department"], row["reason"]) for row in response.json()] == [
        (cast.shanghai_group.id, "调回"),
        (cast.hangzhou_group.id, "调岗"),
        (cast.shanghai_group.id, "新建用户"),
    ]


# --- queries --------------------------------------------------------------------------


def test_the_user_list_costs_the_same_queries_for_more_rows(cast, as_person, django_assert_max_num_queries):
    client = as_person("admin")
    client.get(URL)  # the session's first request also touches the session row
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for number in range(12):
        create_user(
            actor=cast.admin,
            username=f"extra{number}",
            display_name=f"新人{number}",
            password=NEW_PASSWORD,
            department=cast.shanghai_group if number % 2 else cast.hangzhou_group,
            roles=[role("sales_rep"), role("supervisor")],
        )

    with django_assert_max_num_queries(8):
        response = client.get(URL)

    assert response.json()["count"] == 20
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(few)
