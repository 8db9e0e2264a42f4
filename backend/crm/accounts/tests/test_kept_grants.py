"""A person's grants are kept between requests (`crm.core.grants`), and every change to
what they come from applies at the person's next request: their roles, a role's content,
people moving between units, units moving in the tree."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from crm.accounts.models import Role

CUSTOMERS = "/api/v1/customers/"


def company_names(client) -> set[str]:  # type: ignore[no-untyped-def]
    response = client.get(CUSTOMERS)
    assert response.status_code == 200
    return {row["company_name"] for row in response.json()["results"]}


def test_a_request_reads_the_person_once_and_not_their_roles(cast, book, as_person):
    client = as_person("supervisor")
    client.get(CUSTOMERS)

    with CaptureQueriesContext(connection) as queries:
        assert client.get(CUSTOMERS).status_code == 200

    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert tables.count('FROM "accounts_user"') == 1
    assert "accounts_role" not in tables
    assert "org_department" not in tables.split('FROM "customers_customer"')[0]


def test_losing_a_role_applies_at_the_next_request(cast, book, as_person):
    rep = as_person("rep_li")
    assert rep.get(CUSTOMERS).status_code == 200

    only_follow_ups = Role.objects.create(code="no_customers", name="无客户", permissions=[], data_scope="own")
    response = as_person("admin").patch(f"/api/v1/users/{cast.rep_li.id}/", {"roles": [only_follow_ups.id]})

    assert response.status_code == 200
    assert rep.get(CUSTOMERS).status_code == 403


def test_a_narrower_role_applies_at_the_next_request(cast, book, as_person):
    supervisor = as_person("supervisor")
    assert company_names(supervisor) >= {"仁心大药房", "康泰药店"}

    role = Role.objects.get(code="supervisor")
    response = as_person("admin").patch(f"/api/v1/roles/{role.id}/", {"data_scope": "own"})

    assert response.status_code == 200
    assert company_names(supervisor) == set()


def test_a_rep_moved_into_the_group_brings_their_customers_to_its_supervisor(cast, book, as_person):
    supervisor = as_person("supervisor")
    assert "西湖诊所" not in company_names(supervisor)

    response = as_person("admin").post(
        f"/api/v1/users/{cast.rep_liu.id}/move/",
        {"department": cast.shanghai_group.id, "reason": "调入上海一组"},
    )

    assert response.status_code == 200
    assert "西湖诊所" in company_names(supervisor)


def test_a_group_moved_out_of_the_department_leaves_its_managers_scope(cast, book, as_person):
    manager = as_person("manager")
    assert "西湖诊所" in company_names(manager)

    response = as_person("admin").patch(
        f"/api/v1/departments/{cast.hangzhou_group.id}/", {"parent": cast.service_department.id}
    )

    assert response.status_code == 200
    assert "西湖诊所" not in company_names(manager)


def test_who_am_i_reads_the_person_their_unit_and_roles_and_no_grants(cast, as_person):
    client = as_person("supervisor")
    client.get("/api/v1/auth/me")

    with CaptureQueriesContext(connection) as queries:
        me = client.get("/api/v1/auth/me").json()

    assert (me["username"], me["department"]["name"], me["data_scope"]) == ("supervisor", "上海一组", "group")
    # Sessions are in the database in the tests (in Redis in production).
    statements = [query["sql"] for query in queries.captured_queries if "django_session" not in query["sql"]]
    assert len(statements) == 3
    assert sum('FROM "accounts_user"' in statement for statement in statements) == 1
