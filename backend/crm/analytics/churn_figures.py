"""Churn (METRICS.md): a customer is lost as of T when it registered before T and its last
counted purchase before T is older than the churn window; the churn rate is lost over
registered. Read from the churn rollups (ChurnDay, ChurnMonth, by current owner) and
CustomerLapse, about the customers the viewer may see now."""

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from crm.analytics.metrics import owned_now_q, read_period, series_rows, visible_customers_q
from crm.analytics.models import ChurnDay, ChurnMonth, CustomerLapse
from crm.core.periods import Period, day_start, local_day
from crm.core.scope import ResolvedScope
from crm.customers.models import Customer
from crm.customers.selectors import churn_window_days


@dataclass
class ChurnPoint:
    """Churn as of a moment T (METRICS.md): customers registered before T, those lost at
    T, and the churn rate (流失率) = lost / registered, None when none registered."""

    registered: int = 0
    lost: int = 0

    @property
    def churn_rate(self) -> Decimal | None:
        if not self.registered:
            return None
        return (Decimal(self.lost) / Decimal(self.registered)).quantize(Decimal("0.0001"))


def churn_as_of(at: datetime, *, scope: ResolvedScope) -> ChurnPoint:
    """A customer is lost at T when one of its lapses has lost_at < T ≤ returned_at: the
    lapses begun before T less those ended before T. Whole days before T are read from the
    churn rollups, the part of T's day before T from the customers and lapses."""
    day = local_day(at)
    before = _facts_before(day, scope)
    if at > day_start(day):
        lapses = CustomerLapse.objects.filter(visible_customers_q(scope))
        customers = Customer.objects.within(scope)
        before.registered += customers.filter(registered_at__gte=day_start(day), registered_at__lt=at).count()
        before.lapses_begun += lapses.filter(lost_at__gte=day_start(day), lost_at__lt=at).count()
        before.lapses_ended += lapses.filter(returned_at__gte=day_start(day), returned_at__lt=at).count()
    return before.point()


@dataclass
class _ChurnFacts:
    """Customers registered, lapses begun and lapses ended, over some days."""

    registered: int = 0
    lapses_begun: int = 0
    lapses_ended: int = 0

    def add(self, row: dict[str, Any]) -> None:
        for name in _FIGURES:
            setattr(self, name, getattr(self, name) + (row[name] or 0))

    def point(self) -> ChurnPoint:
        return ChurnPoint(self.registered, self.lapses_begun - self.lapses_ended)


_FIGURES = ("registered", "lapses_begun", "lapses_ended")
_SUMS = {name: Sum(name) for name in _FIGURES}


def _facts_before(day: date, scope: ResolvedScope) -> _ChurnFacts:
    """The churn facts of every day before `day`."""
    facts = _ChurnFacts()
    first = ChurnMonth.objects.order_by("month").values_list("month", flat=True).first()
    if first is None or first >= day:
        return facts
    condition = owned_now_q(scope)
    daily, monthly = ChurnDay.objects.filter(condition), ChurnMonth.objects.filter(condition)
    for row in read_period(Period(first, day), daily, monthly, [], _SUMS):
        facts.add(row)
    return facts


@dataclass
class ChurnBucket:
    """A bucket of a churn series: the customers who became lost in it (客户流失数), and
    churn as of its end."""

    became_lost: int
    at_end: ChurnPoint


def churn_series(period: Period, grain: str, *, scope: ResolvedScope) -> list[tuple[Period, ChurnBucket]]:
    """Per bucket: customers lost in it (their last purchase + N falls in it), and churn
    as of its end, from running sums of the churn rollups. A customer's lapses begin more
    than the window apart, so in a bucket no longer than the window the lapses begun are
    the customers lost; in a longer one (a year) they are counted from the lapses."""
    condition = owned_now_q(scope)
    daily, monthly = ChurnDay.objects.filter(condition), ChurnMonth.objects.filter(condition)
    in_buckets: dict[date, _ChurnFacts] = defaultdict(_ChurnFacts)
    for start, row in series_rows(period, grain, daily, monthly, _SUMS):
        in_buckets[start].add(row)
    window = churn_window_days()
    running = _facts_before(period.start, scope)
    series = []
    for bucket in period.buckets(grain):
        facts = in_buckets[bucket.start]
        running.add(asdict(facts))
        became = facts.lapses_begun if bucket.days <= window else _customers_lost_in(bucket, scope)
        series.append((bucket, ChurnBucket(became, running.point())))
    return series


def _customers_lost_in(bucket: Period, scope: ResolvedScope) -> int:
    lapses = CustomerLapse.objects.filter(visible_customers_q(scope))
    return (
        lapses.filter(lost_at__gte=bucket.starts_at, lost_at__lt=bucket.ends_at)
        .values("customer_id")
        .distinct()
        .count()
    )
