"""Runtime parameters: defaults, validated changes, audit, and the value services read."""

import pytest

from crm.audit.models import AuditEvent
from crm.dictionary.models import ParameterValue
from crm.dictionary.selectors import get_parameter

URL = "/api/v1/parameters/"


def test_the_parameters_show_their_defaults(cast, as_person):
    response = as_person("admin").get(URL)

    assert response.status_code == 200
    values = {row["key"]: row["value"] for row in response.json()}
    assert values == {
        "login_failure_limit": 5,
        "login_lock_minutes": 15,
        "session_idle_minutes": 30,
        "password_min_length": 10,
        "password_require_letter": True,
        "password_require_digit": True,
        "password_require_special": True,
        "churn_window_days": 180,
        "churn_warning_days": 150,
        "pool_claim_limit": 500,
        "pool_return_enabled": False,
        "pool_return_days": 90,
        "sync_parked_alert_minutes": 30,
    }
    churn = next(row for row in response.json() if row["key"] == "churn_window_days")
    assert churn == {
        "key": "churn_window_days",
        "name": "流失判定天数",
        "name_en": "Churn window (days)",
        "description": "最后一次成交距今超过该天数的客户计为流失（METRICS.md）",
        "kind": "integer",
        "value": 180,
        "default": 180,
        "minimum": 30,
        "maximum": 1095,
    }


def test_changing_a_parameter_is_audited_and_read_back(cast, as_person):
    assert get_parameter("login_failure_limit") == 5

    response = as_person("admin").patch(f"{URL}login_failure_limit/", {"value": 8})

    assert response.status_code == 200
    assert (response.json()["value"], response.json()["default"]) == (8, 5)
    assert get_parameter("login_failure_limit") == 8
    assert ParameterValue.objects.get(key="login_failure_limit").updated_by == cast.admin
    event = AuditEvent.objects.get(action="parameter_changed")
    assert (event.actor, event.target_type, event.target_id, event.target_label) == (
        cast.admin,
        "parameter",
        "login_failure_limit",
        "登录失败锁定次数",
    )
    assert (event.before, event.after) == ({"value": 5}, {"value": 8})
    assert as_person("admin").get(f"{URL}login_failure_limit/").json()["value"] == 8


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("login_failure_limit", 2, "登录失败锁定次数必须在 3 到 20 之间"),
        ("login_failure_limit", 21, "登录失败锁定次数必须在 3 到 20 之间"),
        ("churn_window_days", "180", "必须是整数"),
        ("churn_window_days", True, "必须是整数"),
        ("churn_window_days", 180.5, "必须是整数"),
        ("password_require_digit", 1, "必须是 true 或 false"),
    ],
)
def test_a_value_of_the_wrong_kind_or_out_of_range_is_a_field_error(cast, as_person, key, value, message):
    before = get_parameter(key)

    response = as_person("admin").patch(f"{URL}{key}/", {"value": value})

    assert response.status_code == 400
    assert response.json() == {"code": "validation_failed", "message": message, "fields": {"value": [message]}}
    assert get_parameter(key) == before
    assert not ParameterValue.objects.filter(key=key).exists()
    assert not AuditEvent.objects.filter(action="parameter_changed").exists()


def test_an_unknown_key_is_not_found(cast, as_person):
    client = as_person("admin")

    assert client.get(f"{URL}no_such_thing/").json() == {"code": "not_found", "message": "记录不存在", "fields": {}}
    assert client.patch(f"{URL}no_such_thing/", {"value": 1}).status_code == 404
    assert not ParameterValue.objects.exists()


@pytest.mark.parametrize("viewer", ["manager", "supervisor", "rep_li", "executive", "after_sales"])
def test_only_parameter_managers_read_and_change_parameters(cast, as_person, viewer):
    client = as_person(viewer)

    assert client.get(URL).status_code == 403
    assert client.patch(f"{URL}churn_window_days/", {"value": 90}).status_code == 403
    assert get_parameter("churn_window_days") == 180
    assert not ParameterValue.objects.exists()
