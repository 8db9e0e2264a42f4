"""Average stock and inventory turnover (METRICS.md, products and stock) from the stock
rollup and the snapshots agree with the definition computed day by day from the raw
snapshots, for random snapshot histories: several counts a day, gaps, counts arriving
late (after the months they change were summarised)."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm.analytics.product_figures import inventory_turnover
from crm.analytics.rollups import rebuild_rollups, refresh_changed_days
from crm.analytics.stock import StockTotals, stock_totals
from crm.commerce.models import StockSnapshot
from crm.commerce.services import record_stock_snapshot, upsert_product
from crm.core.periods import Period, day_start

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 1, 1, tzinfo=SHANGHAI)
PERIODS = [
    Period(datetime(2025, 12, 20).date(), datetime(2026, 6, 1).date()),
    Period(datetime(2026, 2, 1).date(), datetime(2026, 4, 1).date()),
    Period(datetime(2026, 1, 15).date(), datetime(2026, 3, 10).date()),
    Period(datetime(2026, 3, 31).date(), datetime(2026, 4, 1).date()),
]
# Per product: snapshots (day offset, hour, quantity); a share of them arrive late.
snapshot = st.tuples(st.integers(0, 140), st.integers(0, 23), st.integers(0, 500))
products_history = st.lists(st.lists(snapshot, max_size=8), min_size=1, max_size=3)


def expected(period: Period, product_id: int) -> StockTotals:
    snapshots = list(StockSnapshot.objects.filter(product_id=product_id).order_by("as_of"))
    totals = StockTotals()
    day = period.start
    while day < period.end:
        before = [row for row in snapshots if row.as_of < day_start(day + timedelta(days=1))]
        if before:
            totals.level_sum += before[-1].quantity
            totals.known_days += 1
        day += timedelta(days=1)
    return totals


@pytest.fixture
def catalogue(db):
    return [
        upsert_product(
            mall_product_id=f"P{number}",
            name=f"产品{number}",
            spec="",
            unit="盒",
            manufacturer="",
            price=Decimal("9.90"),
            category=None,
            at=START,
        )
        for number in range(3)
    ]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=products_history, late_share=st.floats(0, 0.5))
def test_average_stock_is_the_mean_of_end_of_day_levels(catalogue, history, late_share):
    with transaction.atomic():
        late = []
        for product, snapshots in zip(catalogue, history, strict=False):
            for index, (offset, hour, quantity) in enumerate(snapshots):
                as_of = START + timedelta(days=offset, hours=hour, minutes=index)
                if index < len(snapshots) * late_share:
                    late.append((product, quantity, as_of))
                else:
                    record_stock_snapshot(product=product, quantity=quantity, as_of=as_of)
        refresh_changed_days()
        for product, quantity, as_of in late:
            record_stock_snapshot(product=product, quantity=quantity, as_of=as_of)
        refresh_changed_days()

        for answer in (
            lambda period: stock_totals(period),
            lambda period: stock_totals(period, [p.id for p in catalogue]),
        ):
            for period in PERIODS:
                totals = answer(period)
                for product in catalogue:
                    assert totals.get(product.id, StockTotals()) == expected(period, product.id), period
        rebuild_rollups()
        for period in PERIODS:
            totals = stock_totals(period)
            assert {key: value for key, value in totals.items()} == {
                product.id: expected(period, product.id)
                for product in catalogue
                if expected(period, product.id).known_days
            }
        transaction.set_rollback(True)


def test_turnover_is_quantity_over_average_stock_and_undefined_without_stock():
    assert inventory_turnover(30, Decimal("12.00")) == Decimal("2.5000")
    assert inventory_turnover(30, Decimal("0")) is None
    assert inventory_turnover(0, None) is None
    assert StockTotals(90, 30).average == Decimal("3.00")
    assert StockTotals().average is None
