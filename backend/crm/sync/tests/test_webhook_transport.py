"""The contract's transport rules: signature, timestamp, body shape and size, each with
its answer and a sync-log entry, and nothing stored or applied when refused."""

import json
import time

import pytest
from django.test import override_settings

from crm.sync.models import MallEvent, SyncRun
from crm.sync.tests.helpers import URL, deliver

pytestmark = pytest.mark.django_db

LOGIN = {
    "id": "evt_login_1",
    "type": "customer.logged_in",
    "occurred_at": "2026-03-02T08:15:00+08:00",
    "data": {"customer_id": "C000001", "logged_in_at": "2026-03-02T08:15:00+08:00"},
}
OTHER_SECRET = "whsec_b3RoZXItc2VjcmV0LW5vdC10aGUtbWFsbHMta2V5"


def only_run() -> SyncRun:
    (run,) = SyncRun.objects.all()
    return run


def test_a_good_delivery_is_logged_with_its_counts():
    response = deliver([LOGIN], delivery_id="msg_1")
    assert response.status_code == 200
    run = only_run()
    assert response.json() == {"batch": f"b_{run.id}", "results": [{"id": "evt_login_1", "status": "accepted"}]}
    assert (run.kind, run.outcome, run.http_status, run.delivery_id) == ("webhook", "succeeded", 200, "msg_1")
    assert (run.received_count, run.accepted_count, run.duplicate_count, run.rejected_count) == (1, 1, 0, 0)
    assert run.duration_ms is not None
    assert MallEvent.objects.get().status == "parked"  # its customer is not known yet


def test_a_wrong_signature_is_refused_and_logged():
    response = deliver([LOGIN], secret=OTHER_SECRET)
    assert response.status_code == 401
    assert response.json() == {"code": "invalid_signature", "message": "签名不正确", "fields": {}}
    run = only_run()
    assert (run.outcome, run.http_status, run.error) == ("refused", 401, "签名不正确")
    assert not MallEvent.objects.exists()


def test_a_stale_timestamp_is_refused():
    response = deliver([LOGIN], timestamp=int(time.time()) - 301)
    assert response.status_code == 401
    assert "超过 5 分钟" in response.json()["message"]
    assert only_run().outcome == "refused"
    assert not MallEvent.objects.exists()


def test_missing_signature_headers_are_refused(client):
    response = client.post(URL, {"events": [LOGIN]}, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_signature"
    assert only_run().http_status == 401


def test_the_previous_secret_is_accepted_during_a_rotation(settings):
    settings.MALL_WEBHOOK_SECRETS = [OTHER_SECRET, settings.MALL_WEBHOOK_SECRET]
    assert deliver([LOGIN], secret=settings.MALL_WEBHOOK_SECRET).status_code == 200
    assert deliver([LOGIN], secret=OTHER_SECRET, delivery_id="msg_2").status_code == 200


def test_one_valid_signature_among_several_is_enough(client, settings):
    from crm.sync.signatures import sign

    body = json.dumps({"events": [LOGIN]}).encode()
    now = int(time.time())
    good = sign(settings.MALL_WEBHOOK_SECRET, "msg_9", now, body)
    bad = sign(OTHER_SECRET, "msg_9", now, body)
    response = client.generic(
        "POST",
        URL,
        body,
        content_type="application/json",
        HTTP_WEBHOOK_ID="msg_9",
        HTTP_WEBHOOK_TIMESTAMP=str(now),
        HTTP_WEBHOOK_SIGNATURE=f"{bad} {good}",
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"{not json", 400, "parse_error"),
        (b'["events"]', 400, "invalid_batch"),
        (b'{"events": {}}', 400, "invalid_batch"),
        (b'{"events": []}', 400, "invalid_batch"),
    ],
)
def test_a_malformed_body_is_refused_and_logged(body, status, code):
    response = deliver(None, body=body)
    assert response.status_code == status
    assert response.json()["code"] == code
    run = only_run()
    assert (run.outcome, run.http_status) == ("refused", status)
    assert not MallEvent.objects.exists()


def test_more_than_1000_events_is_too_large():
    events = [{**LOGIN, "id": f"evt_{number}"} for number in range(1001)]
    response = deliver(events)
    assert response.status_code == 413
    assert response.json() == {
        "code": "batch_too_large",
        "message": "一批最多 1000 个事件，收到 1001 个",
        "fields": {},
    }
    assert only_run().http_status == 413
    assert not MallEvent.objects.exists()


def test_1000_events_are_accepted():
    events = [{**LOGIN, "id": f"evt_{number}"} for number in range(1000)]
    response = deliver(events)
    assert response.status_code == 200
    assert {result["status"] for result in response.json()["results"]} == {"accepted"}
    assert MallEvent.objects.count() == 1000


def test_a_non_object_event_is_rejected_alone():
    response = deliver([LOGIN, "not an event"])
    assert response.json()["results"] == [
        {"id": "evt_login_1", "status": "accepted"},
        {"id": "(第 2 个事件，缺少 id)", "status": "rejected", "errors": {"event": ["每个事件必须是 JSON 对象"]}},
    ]
    run = only_run()
    assert (run.outcome, run.accepted_count, run.rejected_count) == ("partial", 1, 1)


@override_settings(MALL_WEBHOOK_SECRETS=["whsec_c2hvcnQ="])
def test_the_webhook_needs_no_session_or_csrf(settings):
    from rest_framework.test import APIClient

    from crm.sync.signatures import sign

    client = APIClient(enforce_csrf_checks=True)
    body = json.dumps({"events": [LOGIN]}).encode()
    now = int(time.time())
    response = client.generic(
        "POST",
        URL,
        body,
        content_type="application/json",
        HTTP_WEBHOOK_ID="m",
        HTTP_WEBHOOK_TIMESTAMP=str(now),
        HTTP_WEBHOOK_SIGNATURE=sign("whsec_c2hvcnQ=", "m", now, body),
    )
    assert response.status_code == 200


def test_health_reports_the_backlog(client):
    deliver([LOGIN, {**LOGIN, "id": "evt_bad", "data": {"customer_id": "C000001"}}])
    assert client.get("/api/v1/health").json()["sync"] == {"pending": 0, "parked": 1, "rejected": 1, "failed": 0}
