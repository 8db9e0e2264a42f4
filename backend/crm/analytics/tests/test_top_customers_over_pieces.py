"""The top customers over calendar pieces, read best first and stopped at the threshold,
are exactly the first of every customer's summed purchases, whatever the rows hold."""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from crm.analytics.customer_top import top_rows
from crm.analytics.models import CustomerMonth, CustomerQuarter
from crm.core.periods import Period
from crm.core.scope import ResolvedScope

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A quarter and a month: read as two pieces.
PERIOD = Period(date(2026, 1, 1), date(2026, 5, 1))
PIECES = [(CustomerQuarter, date(2026, 1, 1)), (CustomerMonth, date(2026, 4, 1))]


def _rows(seed: int, owners: list[int]) -> dict[int, dict]:
    """Random purchases of 60 customers in the two pieces (amounts of few distinct values,
    so ties happen); answers each customer's expected totals and owner."""
    chance = random.Random(seed)
    expected: dict[int, dict] = {}
    for customer in range(1, 61):
        owner = chance.choice(owners)
        for model, start in PIECES:
            if chance.random() < 0.35:
                continue
            amount, purchases = Decimal(chance.choice([10, 20, 35, 50, 120])), chance.randint(1, 4)
            first = datetime.combine(start, datetime.min.time(), SHANGHAI) + timedelta(hours=customer)
            last = first + timedelta(days=purchases)
            model.objects.create(
                customer_id=customer,
                start=start,
                owner_id=owner,
                sales_amount=amount,
                purchase_count=purchases,
                first_paid_at=first,
                last_paid_at=last,
                purchase_cycle_seconds=None,
            )
            total = expected.setdefault(customer, {"owner": owner, "amount": Decimal("0.00"), "purchases": 0})
            total["amount"] += amount
            total["purchases"] += purchases
    return expected


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("column", ["amount", "purchases"])
def test_the_threshold_reading_finds_the_first_customers(db, cast, seed, column):
    owners = [cast.rep_li.id, cast.rep_zhang.id, cast.rep_liu.id]
    expected = _rows(seed, owners)
    theirs = ResolvedScope(everything=False, person_ids=frozenset(owners[:2]), department_ids=frozenset())
    for scope in (ResolvedScope(everything=True), theirs):
        visible = {key: value for key, value in expected.items() if scope.everything or value["owner"] in owners[:2]}
        best = sorted(visible, key=lambda key: (-visible[key][column], key))
        for limit in (1, 5, 12):
            answered = top_rows(PERIOD, scope, column, limit, batch=3)
            assert [row["customer_id"] for row in answered] == best[:limit], (scope, limit)
            assert [row[column] for row in answered] == [visible[key][column] for key in best[:limit]]


def test_a_period_with_days_outside_whole_months_is_left_to_the_grouping(db):
    assert top_rows(Period(date(2026, 1, 1), date(2026, 4, 15)), ResolvedScope(everything=True), "amount", 5) is None
