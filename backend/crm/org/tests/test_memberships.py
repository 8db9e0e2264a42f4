"""Dated memberships: a move closes one period and opens the next, the past stays answerable."""

from datetime import timedelta

import pytest
from django.utils import timezone

from crm.accounts.models import User
from crm.audit.models import AuditEvent
from crm.core.errors import Conflict, ValidationFailed
from crm.org.models import Membership
from crm.org.selectors import membership_at
from crm.org.services import disable_department, move_person


def periods(person: User) -> list[tuple[int, bool]]:
    return [(row.department_id, row.ended_at is None) for row in Membership.objects.filter(person=person)]


def test_a_move_closes_the_open_period_at_the_move_time_and_opens_the_next(cast):
    opened = Membership.objects.get(person=cast.rep_liu)
    moved_at = opened.started_at + timedelta(days=30)

    new = move_person(
        actor=cast.manager, person=cast.rep_liu, department=cast.shanghai_group, reason="支援上海", at=moved_at
    )

    old = Membership.objects.get(id=opened.id)
    assert old.department_id == cast.hangzhou_group.id
    assert old.ended_at == moved_at
    assert (new.department_id, new.started_at, new.ended_at) == (cast.shanghai_group.id, moved_at, None)
    assert (new.reason, new.actor_id) == ("支援上海", cast.manager.id)
    assert User.objects.get(id=cast.rep_liu.id).department_id == cast.shanghai_group.id
    assert periods(cast.rep_liu) == [(cast.hangzhou_group.id, False), (cast.shanghai_group.id, True)]


def test_membership_at_answers_the_unit_at_a_past_moment(cast):
    started = Membership.objects.get(person=cast.rep_liu).started_at
    moved_at = started + timedelta(days=30)
    move_person(actor=cast.admin, person=cast.rep_liu, department=cast.shanghai_group, at=moved_at)

    assert membership_at(cast.rep_liu.id, started + timedelta(days=1)).department_id == cast.hangzhou_group.id
    assert membership_at(cast.rep_liu.id, moved_at - timedelta(microseconds=1)).department_id == cast.hangzhou_group.id
    assert membership_at(cast.rep_liu.id, moved_at).department_id == cast.shanghai_group.id
    assert membership_at(cast.rep_liu.id, moved_at + timedelta(days=400)).department_id == cast.shanghai_group.id
    assert membership_at(cast.rep_liu.id, started - timedelta(seconds=1)) is None


def test_a_move_before_the_current_period_is_refused(cast):
    started = Membership.objects.get(person=cast.rep_liu).started_at

    with pytest.raises(ValidationFailed) as refused:
        move_person(
            actor=cast.admin, person=cast.rep_liu, department=cast.shanghai_group, at=started - timedelta(days=1)
        )

    assert refused.value.fields == {"at": ["时间早于当前任职"]}
    assert periods(cast.rep_liu) == [(cast.hangzhou_group.id, True)]


def test_the_move_endpoint_writes_the_period_and_an_audit_row(cast, as_person):
    before = timezone.now()

    response = as_person("manager").post(
        f"/api/v1/users/{cast.rep_liu.id}/move/",
        {"department": cast.shanghai_group.id, "reason": "支援上海"},
        REMOTE_ADDR="10.8.0.7",
    )

    assert response.status_code == 200
    assert response.json()["department"] == cast.shanghai_group.id
    assert response.json()["department_name"] == "上海一组"
    assert periods(cast.rep_liu) == [(cast.hangzhou_group.id, False), (cast.shanghai_group.id, True)]
    event = AuditEvent.objects.get(action="membership_changed", target_id=str(cast.rep_liu.id), actor=cast.manager)
    assert event.target_type == "user"
    assert event.ip_address == "10.8.0.7"
    assert event.before == {"department": "杭州组"}
    assert event.after["department"] == "上海一组"
    assert event.after["reason"] == "支援上海"
    assert event.after["started_at"] >= before.isoformat()


def test_the_memberships_endpoint_lists_periods_newest_first(cast, as_person):
    as_person("admin").post(
        f"/api/v1/users/{cast.rep_liu.id}/move/", {"department": cast.shanghai_group.id, "reason": "支援"}
    )

    response = as_person("admin").get(f"/api/v1/users/{cast.rep_liu.id}/memberships/")

    assert response.status_code == 200
    rows = response.json()
    assert [(row["department_name"], row["reason"], row["actor_name"]) for row in rows] == [
        ("上海一组", "支援", "系统管理员"),
        ("杭州组", "新建用户", "系统管理员"),
    ]
    assert rows[0]["ended_at"] is None
    assert rows[1]["ended_at"] == rows[0]["started_at"]


def test_moving_into_a_disabled_unit_is_refused(cast, as_person):
    disable_department(actor=cast.admin, department=cast.hangzhou_group)

    response = as_person("admin").post(
        f"/api/v1/users/{cast.rep_li.id}/move/", {"department": cast.hangzhou_group.id, "reason": "调岗"}
    )

    assert response.status_code == 400
    assert response.json() == {
        "code": "validation_failed",
        "message": "杭州组 已停用，不能调入人员",
        "fields": {"department": ["该部门已停用"]},
    }
    assert periods(cast.rep_li) == [(cast.shanghai_group.id, True)]
    assert AuditEvent.objects.filter(action="membership_changed", target_id=str(cast.rep_li.id)).count() == 1


def test_moving_to_the_same_unit_is_a_conflict(cast, as_person):
    response = as_person("admin").post(
        f"/api/v1/users/{cast.rep_li.id}/move/", {"department": cast.shanghai_group.id, "reason": "调岗"}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "already_member"
    assert response.json()["fields"] == {"department": ["已在该部门"]}
    assert periods(cast.rep_li) == [(cast.shanghai_group.id, True)]


def test_the_manager_cannot_move_someone_out_of_his_scope(cast, as_person):
    response = as_person("manager").post(
        f"/api/v1/users/{cast.rep_li.id}/move/", {"department": cast.service_department.id, "reason": "调岗"}
    )

    assert response.status_code == 400
    assert response.json()["fields"] == {"department": ["部门不存在"]}
    assert periods(cast.rep_li) == [(cast.shanghai_group.id, True)]


def test_the_service_refuses_the_same_unit(cast):
    with pytest.raises(Conflict) as refused:
        move_person(actor=cast.admin, person=cast.rep_li, department=cast.shanghai_group)

    assert refused.value.code == "already_member"
