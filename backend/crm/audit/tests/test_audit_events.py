"""The audit trail through the API: read-only, filtered, for those who may read it."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crm.audit.actions import action_catalogue
from crm.audit.models import AuditEvent
from crm.audit.services import record_audit_event

URL = "/api/v1/audit-events/"
NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def trail(cast):  # type: ignore[no-untyped-def]
    """Three events at known times, on top of those the cast's creation wrote (at the test's start)."""
    role_change = record_audit_event(
        actor=cast.manager,
        action="user_roles_changed",
        target=cast.rep_liu,
        before={"roles": ["sales_rep"]},
        after={"roles": ["supervisor"]},
        ip_address="10.20.30.40",
    )
    parameter = record_audit_event(
        actor=cast.admin,
        action="parameter_changed",
        target_type="parameter",
        target_id="churn_window_days",
        target_label="流失判定天数",
        before={"value": 180},
        after={"value": 90},
        ip_address="192.168.1.9",
    )
    login = record_audit_event(actor=cast.rep_li, action="login", target=cast.rep_li, ip_address="10.20.30.41")
    # The trail is append-only for the application; the test sets when these happened.
    AuditEvent.objects.filter(id=role_change.id).update(created_at=NOON - timedelta(days=2))
    AuditEvent.objects.filter(id=parameter.id).update(created_at=NOON - timedelta(days=1))
    AuditEvent.objects.filter(id=login.id).update(created_at=NOON)
    return {"role_change": role_change.id, "parameter": parameter.id, "login": login.id}


def ids(response) -> list[int]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    return [row["id"] for row in response.json()["results"]]


def test_an_event_reads_with_its_action_label(trail, as_person):
    response = as_person("admin").get(f"{URL}{trail['parameter']}/")

    assert response.status_code == 200
    body = response.json()
    assert body == {
        "id": trail["parameter"],
        "created_at": "2026-03-01T20:00:00+08:00",
        "actor": body["actor"],
        "actor_name": "系统管理员",
        "action": "parameter_changed",
        "action_label": "修改系统参数",
        "target_type": "parameter",
        "target_id": "churn_window_days",
        "target_label": "流失判定天数",
        "ip": "192.168.1.9",
        "before": {"value": 180},
        "after": {"value": 90},
    }


def test_filter_by_action(trail, as_person):
    assert ids(as_person("admin").get(URL, {"action": "parameter_changed"})) == [trail["parameter"]]


def test_filter_by_actor(cast, trail, as_person):
    assert ids(as_person("admin").get(URL, {"actor": cast.manager.id})) == [trail["role_change"]]


def test_filter_by_target_type_and_id(cast, trail, as_person):
    client = as_person("admin")

    assert ids(client.get(URL, {"target_type": "parameter"})) == [trail["parameter"]]
    by_target = ids(client.get(URL, {"target_type": "user", "target_id": str(cast.rep_liu.id)}))
    assert trail["role_change"] in by_target
    assert trail["login"] not in by_target


def test_filter_by_time_window(trail, as_person):
    client = as_person("admin")
    window = {"since": (NOON - timedelta(days=2)).isoformat(), "until": NOON.isoformat()}

    # Newest first; `until` is exclusive.
    assert ids(client.get(URL, window)) == [trail["parameter"], trail["role_change"]]
    assert ids(client.get(URL, {**window, "since": (NOON - timedelta(hours=36)).isoformat()})) == [trail["parameter"]]


def test_search_by_actor_name_target_label_and_address(cast, trail, as_person):
    client = as_person("admin")

    # What he did, and the cast's rows about him (user created, membership opened): labels match too.
    about_him = AuditEvent.objects.filter(target_type="user", target_id=str(cast.manager.id))
    assert set(ids(client.get(URL, {"search": "王建国"}))) == {
        trail["role_change"],
        *about_him.values_list("id", flat=True),
    }
    assert about_him.count() == 2
    assert ids(client.get(URL, {"search": "流失判定"})) == [trail["parameter"]]
    assert ids(client.get(URL, {"search": "192.168.1.9"})) == [trail["parameter"]]
    # A whole address matches exactly, not as a prefix of another.
    assert ids(client.get(URL, {"search": "10.20.30.4"})) == []


def test_the_manager_cannot_read_the_trail(trail, as_person):
    response = as_person("manager").get(URL)

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert as_person("manager").get(f"{URL}{trail['login']}/").status_code == 403


@pytest.mark.parametrize("viewer", ["executive", "supervisor", "rep_li", "after_sales"])
def test_only_auditors_read_the_trail(trail, as_person, viewer):
    assert as_person(viewer).get(URL).status_code == 403


def test_the_actions_are_listed(cast, as_person):
    response = as_person("admin").get(f"{URL}actions/")

    assert response.status_code == 200
    body = response.json()
    assert [row["code"] for row in body] == [item.code for item in action_catalogue()]
    assert {
        "login",
        "user_created",
        "role_updated",
        "department_deleted",
        "membership_changed",
        "parameter_changed",
    } <= {row["code"] for row in body}
    assert {"code": "department_deleted", "name": "删除部门", "name_en": "Department deleted"} in body


def test_every_action_written_for_the_cast_is_registered(cast):
    known = {item.code for item in action_catalogue()}

    assert set(AuditEvent.objects.values_list("action", flat=True)) <= known


def test_the_trail_is_read_only(trail, as_person):
    client = as_person("admin")
    before = list(AuditEvent.objects.values_list("id", "action", "target_label"))

    created = client.post(URL, {"action": "login", "target_label": "forged"})
    changed = client.patch(f"{URL}{trail['login']}/", {"target_label": "forged"})
    deleted = client.delete(f"{URL}{trail['login']}/")

    # No write permission is declared, so the permission check refuses before the method does.
    assert (created.status_code, changed.status_code, deleted.status_code) == (403, 403, 403)
    assert list(AuditEvent.objects.values_list("id", "action", "target_label")) == before


def test_the_event_list_costs_the_same_queries_for_more_rows(cast, as_person, django_assert_max_num_queries):
    client = as_person("admin")
    client.get(URL)  # the session's first request also touches the session row
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for number in range(25):
        record_audit_event(actor=cast.manager, action="login", target=cast.manager, ip_address=f"10.0.0.{number}")

    with django_assert_max_num_queries(6):
        response = client.get(URL, {"page_size": 200})

    assert response.json()["count"] == AuditEvent.objects.count()
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(few)
