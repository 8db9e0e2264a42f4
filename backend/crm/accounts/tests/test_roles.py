"""Roles through the API: permission codes, data scope and field permissions, and who may change them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crm.accounts.models import Role
from crm.accounts.services import create_role
from crm.audit.models import AuditEvent
from crm.core.permissions import field_permission_catalogue, permission_catalogue

URL = "/api/v1/roles/"
DEFAULT_CODES = ["admin", "executive", "department_manager", "supervisor", "sales_rep", "after_sales"]


def auditor_body(**overrides):  # type: ignore[no-untyped-def]
    body = {
        "code": "auditor",
        "name": "审计员",
        "description": "查看操作日志",
        "permissions": ["audit.view_auditevent", "org.view_department"],
        "data_scope": "all",
        "field_permissions": ["customer.phone"],
    }
    return {**body, **overrides}


def test_the_default_roles_are_listed_with_their_holders(cast, as_person):
    response = as_person("admin").get(URL)

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["code"] for row in rows] == DEFAULT_CODES
    assert [row["user_count"] for row in rows] == [1, 1, 1, 1, 3, 1]
    assert all(row["is_system"] for row in rows)
    manager = rows[2]
    assert manager["data_scope"] == "department_and_below"
    assert manager["permissions"] == [
        "accounts.manage_user",
        "accounts.view_user",
        "analytics.manage_report",
        "analytics.view_statistics",
        "commerce.view_order",
        "customers.assign_customer",
        "customers.claim_customer",
        "customers.confirm_churn",
        "customers.follow_up_customer",
        "customers.manage_customer",
        "customers.view_customer",
        "org.manage_department",
        "org.view_department",
    ]
    assert manager["field_permissions"] == ["customer.phone", "data.export"]


def test_admin_creates_a_role(cast, as_person):
    response = as_person("admin").post(URL, auditor_body(permissions=["org.view_department", "audit.view_auditevent"]))

    assert response.status_code == 201
    role = Role.objects.get(code="auditor")
    assert response.json() == {
        "id": role.id,
        "code": "auditor",
        "name": "审计员",
        "description": "查看操作日志",
        "permissions": ["audit.view_auditevent", "org.view_department"],
        "data_scope": "all",
        "scope_departments": [],
        "field_permissions": ["customer.phone"],
        "is_system": False,
        "user_count": 0,
    }
    event = AuditEvent.objects.get(action="role_created")
    assert (event.actor, event.target_type, event.target_id) == (cast.admin, "role", str(role.id))


def test_a_role_over_chosen_departments_keeps_them(cast, as_person):
    response = as_person("admin").post(
        URL,
        auditor_body(
            data_scope="chosen_departments",
            scope_departments=[cast.east_region.id, cast.service_department.id],
        ),
    )

    assert response.status_code == 201
    assert sorted(response.json()["scope_departments"]) == sorted([cast.east_region.id, cast.service_department.id])


def test_scope_departments_are_dropped_for_any_other_scope(cast, as_person):
    response = as_person("admin").post(URL, auditor_body(data_scope="group", scope_departments=[cast.east_region.id]))

    assert response.status_code == 201
    assert response.json()["scope_departments"] == []
    assert list(Role.objects.get(code="auditor").scope_departments.all()) == []


def test_an_unknown_permission_code_is_refused(cast, as_person):
    response = as_person("admin").post(URL, auditor_body(permissions=["org.view_department", "org.fly"]))

    assert response.status_code == 400
    assert response.json() == {
        "code": "validation_failed",
        "message": "未知的权限代码：org.fly",
        "fields": {"permissions": ["org.fly"]},
    }
    assert not Role.objects.filter(code="auditor").exists()


def test_an_unknown_field_permission_is_refused(cast, as_person):
    response = as_person("admin").post(URL, auditor_body(field_permissions=["customer.shoe_size"]))

    assert response.status_code == 400
    assert response.json()["fields"] == {"field_permissions": ["customer.shoe_size"]}
    assert not Role.objects.filter(code="auditor").exists()


def test_chosen_departments_need_departments(cast, as_person):
    response = as_person("admin").post(URL, auditor_body(data_scope="chosen_departments", scope_departments=[]))

    assert response.status_code == 400
    assert response.json()["fields"] == {"scope_departments": ["请选择部门"]}
    assert not Role.objects.filter(code="auditor").exists()


def test_a_duplicate_role_code_is_a_conflict(cast, as_person):
    response = as_person("admin").post(URL, auditor_body(code="supervisor"))

    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_code"
    assert Role.objects.filter(code="supervisor").count() == 1


def test_updating_a_role_is_audited_with_before_and_after(cast, as_person):
    supervisor = Role.objects.get(code="supervisor")

    response = as_person("admin").patch(
        f"{URL}{supervisor.id}/",
        {"permissions": ["org.view_department", "accounts.view_user", "audit.view_auditevent"]},
    )

    assert response.status_code == 200
    assert response.json()["permissions"] == ["accounts.view_user", "audit.view_auditevent", "org.view_department"]
    event = AuditEvent.objects.get(action="role_updated", target_id=str(supervisor.id))
    assert event.before == {
        "name": "销售主管",
        "permissions": [
            "accounts.view_user",
            "analytics.view_statistics",
            "commerce.view_order",
            "customers.assign_customer",
            "customers.claim_customer",
            "customers.confirm_churn",
            "customers.follow_up_customer",
            "customers.manage_customer",
            "customers.view_customer",
            "org.view_department",
        ],
        "data_scope": "group",
        "scope_departments": [],
        "field_permissions": ["customer.phone"],
    }
    assert event.after == {
        **event.before,
        "permissions": ["accounts.view_user", "audit.view_auditevent", "org.view_department"],
    }
    # The holder's next request sees the new code.
    assert as_person("supervisor").get("/api/v1/audit-events/").status_code == 200


def test_the_role_code_cannot_be_changed(cast, as_person):
    supervisor = Role.objects.get(code="supervisor")

    response = as_person("admin").patch(f"{URL}{supervisor.id}/", {"code": "boss", "name": "组长"})

    assert response.status_code == 200
    assert (response.json()["code"], response.json()["name"]) == ("supervisor", "组长")


def test_a_system_role_cannot_be_deleted(cast, as_person):
    supervisor = Role.objects.get(code="supervisor")

    response = as_person("admin").delete(f"{URL}{supervisor.id}/")

    assert response.status_code == 409
    assert response.json() == {"code": "system_role", "message": "销售主管 是系统默认角色，不能删除", "fields": {}}
    assert Role.objects.filter(id=supervisor.id).exists()


def test_a_role_in_use_cannot_be_deleted(cast, as_person):
    role = create_role(
        actor=cast.admin,
        code="auditor",
        name="审计员",
        permissions=[],
        data_scope="own",
        scope_departments=[],
        field_permissions=[],
    )
    cast.rep_li.roles.add(role)

    response = as_person("admin").delete(f"{URL}{role.id}/")

    assert response.status_code == 409
    assert response.json()["code"] == "role_in_use"
    assert response.json()["message"] == "仍有 1 名人员拥有角色 审计员，请先调整他们的角色"
    assert Role.objects.filter(id=role.id).exists()


def test_an_unused_role_is_deleted_and_audited(cast, as_person):
    role = create_role(
        actor=cast.admin,
        code="auditor",
        name="审计员",
        permissions=[],
        data_scope="own",
        scope_departments=[],
        field_permissions=[],
    )

    response = as_person("admin").delete(f"{URL}{role.id}/")

    assert response.status_code == 204
    assert not Role.objects.filter(id=role.id).exists()
    assert AuditEvent.objects.get(action="role_deleted").target_label == "审计员"


def test_the_manager_reads_roles_but_cannot_change_them(cast, as_person):
    client = as_person("manager")
    supervisor = Role.objects.get(code="supervisor")

    listed = client.get(URL)
    created = client.post(URL, auditor_body())
    edited = client.patch(f"{URL}{supervisor.id}/", {"name": "组长"})
    deleted = client.delete(f"{URL}{supervisor.id}/")

    assert listed.status_code == 200
    assert [row["code"] for row in listed.json()["results"]] == DEFAULT_CODES
    assert (created.status_code, edited.status_code, deleted.status_code) == (403, 403, 403)
    assert not Role.objects.filter(code="auditor").exists()
    assert Role.objects.get(id=supervisor.id).name == "销售主管"


@pytest.mark.parametrize("viewer", ["executive", "supervisor", "rep_li", "after_sales"])
def test_people_who_manage_nobody_cannot_read_roles(cast, as_person, viewer):
    assert as_person(viewer).get(URL).status_code == 403
    assert as_person(viewer).post(URL, auditor_body()).status_code == 403
    assert not Role.objects.filter(code="auditor").exists()


def test_the_permission_catalogue_lists_every_registered_code(cast, as_person):
    response = as_person("rep_li").get("/api/v1/permissions/")

    assert response.status_code == 200
    body = response.json()
    assert [row["code"] for row in body["permissions"]] == [item.code for item in permission_catalogue()]
    assert {
        "org.view_department",
        "org.manage_department",
        "accounts.view_user",
        "accounts.manage_user",
        "accounts.manage_role",
        "dictionary.manage_dictionary",
        "dictionary.manage_parameter",
        "audit.view_auditevent",
    } <= {row["code"] for row in body["permissions"]}
    assert [row["code"] for row in body["field_permissions"]] == [item.code for item in field_permission_catalogue()]
    assert [row["code"] for row in body["data_scopes"]] == [
        "own",
        "group",
        "department",
        "department_and_below",
        "all",
        "chosen_departments",
    ]


def test_every_permission_a_default_role_grants_is_registered(cast):
    known = {item.code for item in permission_catalogue()}

    for role in Role.objects.all():
        assert set(role.permissions) <= known, role.code


def test_the_role_list_costs_the_same_queries_for_more_rows(cast, as_person, django_assert_max_num_queries):
    client = as_person("admin")
    client.get(URL)  # the session's first request also touches the session row
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for number in range(10):
        role = create_role(
            actor=cast.admin,
            code=f"extra{number}",
            name=f"角色{number}",
            permissions=["org.view_department"],
            data_scope="chosen_departments",
            scope_departments=[cast.east_region, cast.service_department],
            field_permissions=[],
        )
        cast.rep_li.roles.add(role)

    with django_assert_max_num_queries(8):
        response = client.get(URL)

    assert response.json()["count"] == 16
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(few)
