"""Churn (METRICS.md): a customer is lost as of T when it registered before T and its last
counted purchase before T is older than the churn window; the churn rate is lost over
registered. Read from CustomerLapse, about the customers the viewer may see now."""

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDay, TruncMonth, TruncQuarter, TruncWeek, TruncYear
from django.utils import timezone

from crm.analytics.metrics import visible_customers_q
from crm.analytics.models import CustomerLapse
from crm.core.periods import Grain, Period, bucket_start
from crm.core.scope import ResolvedScope
from crm.customers.models import Customer


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
    """A customer is lost at T when one of its lapses has lost_at < T ≤ returned_at."""
    lapses = CustomerLapse.objects.filter(visible_customers_q(scope), lost_at__lt=at)
    lost = lapses.filter(Q(returned_at__isnull=True) | Q(returned_at__gte=at)).count()
    registered = Customer.objects.within(scope).filter(registered_at__lt=at).count()
    return ChurnPoint(registered, lost)


@dataclass
class ChurnBucket:
    """A bucket of a churn series: the customers who became lost in it (客户流失数), and
    churn as of its end."""

    became_lost: int
    at_end: ChurnPoint


_TRUNCATE_TIME = {
    Grain.DAY: TruncDay,
    Grain.WEEK: TruncWeek,
    Grain.MONTH: TruncMonth,
    Grain.QUARTER: TruncQuarter,
    Grain.YEAR: TruncYear,
}


def churn_series(period: Period, grain: str, *, scope: ResolvedScope) -> list[tuple[Period, ChurnBucket]]:
    """Per bucket: customers lost in it (their last purchase + N falls in it), and churn
    as of its end, from running sums: lost at T = lapses begun before T − lapses ended
    (returned) before T. A viewer who sees everything gets them counted in the database;
    anyone else's customers' lapses are few enough to read once and count here."""
    if not scope.everything:
        return _few_customers_series(period, grain, scope)
    buckets = list(period.buckets(grain))
    start = period.starts_at
    lapses = CustomerLapse.objects.filter(visible_customers_q(scope))
    customers = Customer.objects.within(scope)
    begun = _running(lapses, "lost_at", period, grain, before=lapses.filter(lost_at__lt=start).count())
    ended = _running(lapses, "returned_at", period, grain, before=lapses.filter(returned_at__lt=start).count())
    registered = _running(
        customers, "registered_at", period, grain, before=customers.filter(registered_at__lt=start).count()
    )
    truncate = _TRUNCATE_TIME[grain]
    became = {
        _bucket_of(row["bucket"], period, grain): row["customers"]
        for row in lapses.filter(lost_at__gte=start, lost_at__lt=period.ends_at)
        .annotate(bucket=truncate("lost_at"))
        .values("bucket")
        .annotate(customers=Count("customer_id", distinct=True))
    }
    return [
        (
            bucket,
            ChurnBucket(
                became.get(bucket.start, 0),
                ChurnPoint(registered[bucket.start], begun[bucket.start] - ended[bucket.start]),
            ),
        )
        for bucket in buckets
    ]


def _bucket_of(moment: datetime | date, period: Period, grain: str) -> date:
    day = timezone.localtime(moment).date() if isinstance(moment, datetime) else moment
    return max(bucket_start(day, grain), period.start)


def _running(rows: QuerySet[Any], column: str, period: Period, grain: str, *, before: int) -> dict[date, int]:
    """How many rows have `column` before each bucket's end: `before` the period, plus
    the counts per bucket summed up."""
    truncate = _TRUNCATE_TIME[grain]
    per_bucket: dict[date, int] = defaultdict(int)
    in_period = rows.filter(**{f"{column}__gte": period.starts_at, f"{column}__lt": period.ends_at})
    for row in in_period.annotate(bucket=truncate(column)).values("bucket").annotate(rows=Count("pk")):
        per_bucket[_bucket_of(row["bucket"], period, grain)] += row["rows"]
    running, total = {}, before
    for bucket in period.buckets(grain):
        total += per_bucket[bucket.start]
        running[bucket.start] = total
    return running


def _few_customers_series(period: Period, grain: str, scope: ResolvedScope) -> list[tuple[Period, ChurnBucket]]:
    """The same figures from the scope's lapses and registrations, read in two queries."""
    lapses = list(
        CustomerLapse.objects.filter(visible_customers_q(scope), lost_at__lt=period.ends_at).values_list(
            "customer_id", "lost_at", "returned_at"
        )
    )
    customers = Customer.objects.within(scope).filter(registered_at__lt=period.ends_at).order_by()
    registered = sorted(at for at in customers.values_list("registered_at", flat=True) if at is not None)
    begun = sorted(lost_at for _, lost_at, _ in lapses)
    ended = sorted(returned_at for _, _, returned_at in lapses if returned_at is not None)
    became: dict[date, set[int]] = defaultdict(set)
    for customer_id, lost_at, _ in lapses:
        if lost_at >= period.starts_at:
            became[_bucket_of(lost_at, period, grain)].add(customer_id)
    series = []
    for bucket in period.buckets(grain):
        end = bucket.ends_at
        lost = bisect_left(begun, end) - bisect_left(ended, end)
        series.append((bucket, ChurnBucket(len(became[bucket.start]), ChurnPoint(bisect_left(registered, end), lost))))
    return series
