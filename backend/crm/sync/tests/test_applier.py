"""The applier's isolation: an event that fails unexpectedly is marked failed with the
error, and the events applied with it in the same chunk are not lost."""

import pytest

from crm.commerce.models import Product
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

    def breaks_on_p2(event, warnings):  # type: ignore[no-untyped-def]
        if event.data["product_id"] == "P2":
            raise RuntimeError("数据库约束冲突（模拟）")
        return original(event, warnings)

    monkeypatch.setitem(handlers.HANDLERS, "product.upserted", breaks_on_p2)

    deliver([product(1), product(2), product(3)])

    fates = dict(MallEvent.objects.values_list("event_id", "status"))
    assert fates == {"evt_p1": "applied", "evt_p2": "failed", "evt_p3": "applied"}
    assert MallEvent.objects.get(event_id="evt_p2").errors == {"apply": ["数据库约束冲突（模拟）"]}
    assert sorted(Product.objects.values_list("mall_product_id", flat=True)) == ["P1", "P3"]
