"""The contract's promise: whatever the network does, the CRM ends in the state of the
clean, in-order history. A generated history is delivered once in order; then, on an
empty CRM, every event 2-3 times, shuffled, 5% never delivered, and a reconciliation pull
from the mall's export API repairs what was lost. Both end in exactly the same state."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from crm.commerce.models import Category, Order, Product, StockSnapshot
from crm.customers.models import Customer, Ownership
from crm.org.models import Membership
from crm.sync.models import EventStatus, MallEvent, SyncRun
from crm.sync.pull import pull_from_mall
from crm.sync.tests.helpers import crm_state, deliver
from tools.mall_simulator.events import SHANGHAI
from tools.mall_simulator.export_server import ExportServer
from tools.mall_simulator.history import HistorySettings, generate_history
from tools.mall_simulator.state import MallState

pytestmark = pytest.mark.django_db
BATCH = 500


def _history(invite_codes: list[str]) -> list[dict]:
    settings = HistorySettings(customers=40, products=12, orders_per_day=10, seed=11, invite_codes=invite_codes)
    start = datetime(2026, 1, 5, tzinfo=SHANGHAI)
    return generate_history(start=start, end=start + timedelta(days=30), settings=settings)


def _deliver_all(events: list[dict]) -> None:
    for number in range(0, len(events), BATCH):
        response = deliver(events[number : number + BATCH], delivery_id=f"msg_{number}")
        assert response.status_code == 200
        assert {result["status"] for result in response.json()["results"]} <= {"accepted", "duplicate"}


def _forget_everything() -> None:
    for model in (MallEvent, SyncRun, StockSnapshot, Order, Ownership, Customer, Product):
        model.objects.all().delete()
    Category.objects.filter(parent__isnull=False).delete()
    Category.objects.all().delete()


def test_duplicated_shuffled_and_lossy_delivery_converges_to_the_in_order_state(cast, settings):
    Membership.objects.update(started_at=datetime(2025, 1, 1, tzinfo=UTC))
    history = _history([cast.rep_li.invite_code, cast.rep_zhang.invite_code, cast.rep_liu.invite_code])
    assert len(history) > 1000  # a history worth the name

    _deliver_all(history)
    in_order = crm_state()
    assert len(in_order["orders"]) > 200 and len(in_order["customers"]) == 40
    assert not MallEvent.objects.exclude(status=EventStatus.APPLIED).exists()

    _forget_everything()
    rng = random.Random(5)
    dropped = set(rng.sample(range(len(history)), k=len(history) // 20))
    chaos = [event for index, event in enumerate(history) if index not in dropped for _ in range(rng.choice((2, 3)))]
    rng.shuffle(chaos)
    _deliver_all(chaos)
    assert crm_state() != in_order  # the losses show before reconciliation

    server = ExportServer(state=MallState.from_events(history), token="chaos-token", port=0).start()
    settings.MALL_EXPORT_URL, settings.MALL_EXPORT_TOKEN = f"{server.url}/export/v1", "chaos-token"
    try:
        run = pull_from_mall()
    finally:
        server.stop()

    assert (run.outcome, run.rejected_count) == ("succeeded", 0)
    assert crm_state() == in_order
    assert not MallEvent.objects.exclude(status=EventStatus.APPLIED).exists()
