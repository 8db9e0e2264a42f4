"""The applier's isolation: an event that fails unexpectedly is marked failed with the
error, and the events applied with it in the same chunk are not lost; an event parked on a
record that arrives later in the same chunk is released."""

import pytest

from crm.commerce.models import Product, StockSnapshot
from crm.sync import handlers
from crm.sync.models import MallEvent
from crm.sync.tests.helpers import deliver

pytestmark = pytest.mark.django_db


def product(number: int) -> dict:
    return {
        "id": f"evt_p{number}",
        "type": "product.upserted",
        "occurred_at": f"2026-03-01T08:0{number}:00+08:00",
        "data": {"product_id": f"P{number}", "name": f"产品{number}", "price": "10.00"},
    }


def test_one_failing_event_fails_alone(monkeypatch):
    original = handlers.HANDLERS["product.upserted"]

    def breaks_on_p2(event, warnings, known):  # type: ignore[no-untyped-def]
        if event.data["product_id"] == "P2":
            raise RuntimeError("数据库约束冲突（模拟）")
        return original(event, warnings, known)

    monkeypatch.setitem(handlers.HANDLERS, "product.upserted", breaks_on_p2)

    deliver([product(1), product(2), product(3)])

    fates = dict(MallEvent.objects.values_list("event_id", "status"))
    assert fates == {"evt_p1": "applied", "evt_p2": "failed", "evt_p3": "applied"}
    assert MallEvent.objects.get(event_id="evt_p2").errors == {"apply": ["数据库约束冲突（模拟）"]}
    assert sorted(Product.objects.values_list("mall_product_id", flat=True)) == ["P1", "P3"]


def test_event_parked_on_a_record_made_later_in_the_same_chunk_is_applied():
    # The stock count is older than the catalogue entry it needs, so it is applied first
    # (event-time order) and parks; the product arrives two events later in the same batch.
    snapshot = {
        "id": "evt_stock",
        "type": "inventory.snapshot",
        "occurred_at": "2026-03-01T07:00:00+08:00",
        "data": {"product_id": "P1", "quantity": 40, "as_of": "2026-03-01T07:00:00+08:00"},
    }

    deliver([product(1), snapshot])

    assert MallEvent.objects.get(event_id="evt_stock").status == "applied"
    assert list(StockSnapshot.objects.values_list("product__mall_product_id", "quantity")) == [("P1", 40)]
