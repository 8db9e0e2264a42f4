"""The sync log and quarantine as admins use them: browse runs and events, see sensitive
values masked by field permission, correct and replay, see the backlog and alerts."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from crm.audit.models import AuditEvent
from crm.commerce.models import Product
from crm.sync.models import MallEvent, SyncRun
from crm.sync.tests.helpers import deliver

pytestmark = pytest.mark.django_db

PRODUCT = {
    "id": "evt_p1",
    "type": "product.upserted",
    "occurred_at": "2026-03-01T08:00:00+08:00",
    "data": {"product_id": "P00001", "name": "阿莫西林胶囊", "spec": "0.25g*24粒/盒", "unit": "盒", "price": "12.50"},
}
BAD_PRODUCT = {**PRODUCT, "id": "evt_p2", "data": {**PRODUCT["data"], "product_id": "P00002", "price": 12.5}}
LOGIN = {
    "id": "evt_login",
    "type": "customer.logged_in",
    "occurred_at": "2026-03-02T08:15:00+08:00",
    "data": {"customer_id": "C000404", "logged_in_at": "2026-03-02T08:15:00+08:00"},
}
REGISTRATION = {
    "id": "evt_reg",
    "type": "customer.registered",
    "occurred_at": "2026-03-01T09:00:00+08:00",
    "data": {
        "customer_id": "C000001",
        "company_name": "上海仁和大药房有限公司",
        "pharmacy_type": "single",
        "contact_name": "王芳",
        "phone": "13800138000",
        "email": "wangfang@renhe.example",
        "registered_at": "2026-03-01T09:00:00+08:00",
    },
}


def event(event_id: str, status: str | None = None) -> MallEvent:
    rows = MallEvent.objects.filter(event_id=event_id)
    return (rows.filter(status=status) if status else rows).get()


def test_admins_browse_the_sync_log_with_filters(cast, as_person):
    deliver([PRODUCT], delivery_id="msg_a")
    deliver([BAD_PRODUCT], delivery_id="msg_b")
    admin = as_person("admin")

    runs = admin.get("/api/v1/sync/runs/", {"outcome": "partial"}).json()
    assert [(run["delivery_id"], run["rejected_count"]) for run in runs["results"]] == [("msg_b", 1)]
    rejected = admin.get("/api/v1/sync/events/", {"status": "rejected"}).json()["results"]
    assert [(row["event_id"], row["errors"]) for row in rejected] == [
        ("evt_p2", {"data.price": ['金额必须是字符串形式的十进制数，如 "1234.50"']})
    ]
    applied = admin.get("/api/v1/sync/events/", {"status": "applied", "type": "product.upserted"}).json()
    assert [row["event_id"] for row in applied["results"]] == ["evt_p1"]


@pytest.mark.parametrize("person", ["manager", "supervisor", "rep_li", "after_sales", "executive"])
def test_nobody_but_admins_sees_the_sync_log(cast, as_person, person):
    deliver([PRODUCT])
    assert as_person(person).get("/api/v1/sync/events/").status_code == 403
    assert as_person(person).get("/api/v1/sync/runs/").status_code == 403


def test_sensitive_values_are_masked_without_the_field_permission(cast, as_person):
    deliver([REGISTRATION])
    from crm.accounts.models import Role

    auditor = Role.objects.create(
        code="sync_auditor", name="同步审计", permissions=["sync.view_sync"], data_scope="all"
    )
    cast.executive.roles.set([auditor])
    masked = as_person("executive").get("/api/v1/sync/events/").json()["results"][0]["payload"]["data"]
    assert (masked["phone"], masked["email"], masked["company_name"]) == (
        "138****8000",
        "w***@renhe.example",
        "上海仁和大药房有限公司",
    )
    revealed = as_person("admin").get("/api/v1/sync/events/").json()["results"][0]["payload"]["data"]
    assert (revealed["phone"], revealed["email"]) == ("13800138000", "wangfang@renhe.example")


def test_an_admin_corrects_a_rejected_event_and_it_is_applied(cast, as_person):
    deliver([BAD_PRODUCT])
    rejected = event("evt_p2")
    corrected = {**BAD_PRODUCT, "data": {**BAD_PRODUCT["data"], "price": "12.50"}}

    response = as_person("admin").patch(f"/api/v1/sync/events/{rejected.id}/", {"payload": corrected}, format="json")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["errors"]) == ("applied", {})
    assert Product.objects.get(mall_product_id="P00002").price == Decimal("12.50")
    audit = AuditEvent.objects.get(action="mall_event_corrected")
    assert (audit.actor, audit.target_label, audit.after["status"]) == (cast.admin, "evt_p2", "pending")


def test_a_correction_that_is_still_wrong_stays_in_quarantine_with_the_new_errors(cast, as_person):
    deliver([BAD_PRODUCT])
    still_bad = {**BAD_PRODUCT, "data": {**BAD_PRODUCT["data"], "price": "12.505"}}
    response = as_person("admin").patch(
        f"/api/v1/sync/events/{event('evt_p2').id}/", {"payload": still_bad}, format="json"
    )
    assert response.json()["status"] == "rejected"
    assert list(response.json()["errors"]) == ["data.price"]
    assert not Product.objects.exists()


def test_only_rejected_events_can_be_corrected(cast, as_person):
    deliver([PRODUCT])
    response = as_person("admin").patch(
        f"/api/v1/sync/events/{event('evt_p1').id}/", {"payload": PRODUCT}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (409, "not_rejected")


def test_replaying_a_parked_event_applies_it_once_its_record_exists(cast, as_person):
    deliver([LOGIN])
    parked = event("evt_login")
    assert (parked.status, parked.waits_for) == ("parked", "customer:C000404")

    again = as_person("admin").post(f"/api/v1/sync/events/{parked.id}/replay/").json()
    assert (again["status"], again["waits_for"]) == ("parked", "customer:C000404")
    assert AuditEvent.objects.filter(action="mall_event_replayed", target_label="evt_login").count() == 1


def test_the_status_reports_backlog_and_alerts(cast, as_person):
    deliver([LOGIN, BAD_PRODUCT])
    MallEvent.objects.filter(event_id="evt_login").update(status_changed_at=timezone.now() - timedelta(minutes=31))

    status = as_person("admin").get("/api/v1/sync/runs/status/").json()

    assert status["backlog"] == {"pending": 0, "parked": 1, "rejected": 1, "failed": 0}
    assert (status["parked_alert_minutes"], status["parked_too_long"]) == (30, 1)
    assert status["failed_runs_last_day"] == 0
    assert status["export_configured"] is False


def test_a_pull_needs_the_export_api_configured(cast, as_person):
    response = as_person("admin").post("/api/v1/sync/runs/pull/", {"full": False}, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "export_not_configured")


def test_a_correction_never_stores_a_masked_value_as_the_real_one(cast, as_person):
    bad = {**REGISTRATION, "data": {**REGISTRATION["data"], "registered_at": "2026-03-01 09:00"}}
    deliver([bad])
    from crm.accounts.models import Role

    fixer = Role.objects.create(
        code="sync_fixer", name="同步修复", permissions=["sync.view_sync", "sync.manage_sync"], data_scope="all"
    )
    cast.executive.roles.set([fixer])
    client = as_person("executive")
    shown = client.get("/api/v1/sync/events/").json()["results"][0]
    assert shown["payload"]["data"]["phone"] == "138****8000"
    corrected = {**shown["payload"], "data": {**shown["payload"]["data"], "registered_at": "2026-03-01T09:00:00+08:00"}}

    response = client.patch(f"/api/v1/sync/events/{shown['id']}/", {"payload": corrected}, format="json")

    assert response.json()["status"] == "applied"
    from crm.customers.models import Customer

    customer = Customer.objects.get(mall_customer_id="C000001")
    assert (customer.phone, customer.email) == ("13800138000", "wangfang@renhe.example")


def test_an_admin_starts_a_pull_and_it_is_logged(cast, as_person, settings):
    from tools.mall_simulator.export_server import ExportServer
    from tools.mall_simulator.state import MallState

    server = ExportServer(state=MallState.from_events([PRODUCT]), token="t", port=0).start()
    settings.MALL_EXPORT_URL, settings.MALL_EXPORT_TOKEN = f"{server.url}/export/v1", "t"
    try:
        response = as_person("admin").post("/api/v1/sync/runs/pull/", {"full": True}, format="json")
    finally:
        server.stop()

    assert response.status_code == 202
    run = SyncRun.objects.get(kind="backfill")
    assert (run.outcome, run.accepted_count, run.details["records"]["products"]) == ("succeeded", 1, 1)
    assert Product.objects.get(mall_product_id="P00001").name == "阿莫西林胶囊"
    assert AuditEvent.objects.get(action="mall_pull_started").after == {"full": True}
