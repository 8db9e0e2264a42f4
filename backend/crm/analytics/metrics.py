"""METRICS.md as code: each figure defined once, with its name, read from the rollups.

A period is whole business days `[start, end)`; whole calendar months inside it are read
from the monthly rollups and the days around them from the daily ones. Performance figures
(sales, orders, products, development) follow attribution: a row counts for the rep, group
and department it is credited to, and the viewer's scope reaches rows credited to people in
it or to units in it. Customer figures (value, purchase frequency) are about the customers
the viewer may see now, with all their purchases.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, DateField, F, Max, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncDay, TruncMonth, TruncQuarter, TruncWeek, TruncYear
from django.utils import timezone

from crm.analytics.credit import credited_scope_q
from crm.analytics.models import (
    CustomerDevelopment,
    CustomerLapse,
    CustomerSalesDay,
    SalesDay,
    SalesMonth,
)
from crm.core.money import ZERO, money
from crm.core.periods import Grain, Period, bucket_start
from crm.core.scope import ResolvedScope
from crm.customers.models import Customer

# Who a figure is broken down by, and the rollup column that says it.
SUBJECT_COLUMN = {"rep": "rep_id", "group": "group_id", "department": "department_id", "company": None}


@dataclass
class SalesTotals:
    """Order count (订单数量, created in the period, by current status) and sales amount
    (销售额: counted orders paid in the period, with their number)."""

    order_count: int = 0
    pending_payment_count: int = 0
    paid_count: int = 0
    shipped_count: int = 0
    completed_count: int = 0
    cancelled_count: int = 0
    sales_amount: Decimal = ZERO
    sales_order_count: int = 0

    def add(self, row: dict[str, Any]) -> None:
        for name in SALES_FIELDS:
            setattr(self, name, getattr(self, name) + (row[name] or 0))
        self.sales_amount = money(self.sales_amount)


SALES_FIELDS = [item.name for item in fields(SalesTotals)]


def read_period(
    period: Period,
    daily: QuerySet[Any],
    monthly: QuerySet[Any],
    keys: list[str],
    sums: dict[str, Any],
    *,
    by_date: bool = False,
) -> list[dict[str, Any]]:
    """Grouped sums over the period: whole months from the monthly rollup, the other days
    from the daily one. With `by_date`, rows are also grouped by their day or month (as
    `date`), for series."""
    months, edges = period.split_by_months()
    rows: list[dict[str, Any]] = []
    if months:
        in_months = monthly.filter(month__gte=months[0].start, month__lt=months[-1].end)
        if by_date:
            in_months = in_months.annotate(date=F("month"))
        rows += in_months.values(*keys, *(["date"] if by_date else [])).annotate(**sums)
    if edges:
        on_days = daily.filter(_days_q(edges))
        if by_date:
            on_days = on_days.annotate(date=F("day"))
        rows += on_days.values(*keys, *(["date"] if by_date else [])).annotate(**sums)
    return rows


def _days_q(pieces: list[Period]) -> Q:
    condition = Q()
    for piece in pieces:
        condition |= Q(day__gte=piece.start, day__lt=piece.end)
    return condition


def _sales_rows(
    period: Period, scope: ResolvedScope, where: Q | None, keys: list[str], by_date: bool
) -> list[dict[str, Any]]:
    condition = credited_scope_q(scope) & (where or Q())
    sums = {name: Sum(name) for name in SALES_FIELDS}
    return read_period(
        period, SalesDay.objects.filter(condition), SalesMonth.objects.filter(condition), keys, sums, by_date=by_date
    )


def sales_totals(
    period: Period, *, scope: ResolvedScope, by: str = "company", where: Q | None = None
) -> dict[int | None, SalesTotals]:
    """Sales and order counts per rep, group or department (None: unattributed, or the
    company when `by` is "company")."""
    column = SUBJECT_COLUMN[by]
    totals: dict[int | None, SalesTotals] = defaultdict(SalesTotals)
    for row in _sales_rows(period, scope, where, [column] if column else [], by_date=False):
        totals[row[column] if column else None].add(row)
    return dict(totals)


def series_rows(
    period: Period, grain: str, daily: QuerySet[Any], monthly: QuerySet[Any], sums: dict[str, Any]
) -> list[tuple[date, dict[str, Any]]]:
    """Grouped sums by day (or month) with the bucket each falls in; a week or a day
    series reads daily rows only (weeks straddle months)."""
    if grain in (Grain.DAY, Grain.WEEK):
        grouped = (
            daily.filter(day__gte=period.start, day__lt=period.end)
            .annotate(date=F("day"))
            .values("date")
            .annotate(**sums)
        )
        rows = [dict(row) for row in grouped]
    else:
        rows = read_period(period, daily, monthly, [], sums, by_date=True)
    return [(max(bucket_start(row["date"], grain), period.start), row) for row in rows]


def sales_series(
    period: Period, grain: str, *, scope: ResolvedScope, where: Q | None = None
) -> list[tuple[Period, SalesTotals]]:
    """The same figures per bucket of a grain (day, week, month, quarter, year)."""
    condition = credited_scope_q(scope) & (where or Q())
    buckets = list(period.buckets(grain))
    totals = {bucket.start: SalesTotals() for bucket in buckets}
    sums = {name: Sum(name) for name in SALES_FIELDS}
    daily, monthly = SalesDay.objects.filter(condition), SalesMonth.objects.filter(condition)
    for start, row in series_rows(period, grain, daily, monthly, sums):
        totals[start].add(row)
    return [(bucket, totals[bucket.start]) for bucket in buckets]


@dataclass
class Development:
    """New customers developed (新客户开发数量) and, of those, converted (新客户成交数量)."""

    developed: int = 0
    converted: int = 0

    @property
    def conversion_rate(self) -> Decimal | None:
        """新客户转化率 = converted / developed; None ("—") when none were developed."""
        if not self.developed:
            return None
        return (Decimal(self.converted) / Decimal(self.developed)).quantize(Decimal("0.0001"))


def development(
    period: Period, *, scope: ResolvedScope, by: str = "rep", where: Q | None = None
) -> dict[int | None, Development]:
    """Customers whose first ownership is the subject's and starts in the period; converted
    when their first purchase was paid before the period's end."""
    column = SUBJECT_COLUMN[by]
    rows = (
        CustomerDevelopment.objects.filter(credited_scope_q(scope) & (where or Q()))
        .filter(developed_on__gte=period.start, developed_on__lt=period.end)
        .values(*([column] if column else []))
        .annotate(developed=Count("customer_id"), converted=Count("customer_id", filter=Q(converted_on__lt=period.end)))
    )
    return {row[column] if column else None: Development(row["developed"], row["converted"]) for row in rows}


_TRUNCATE = {Grain.WEEK: TruncWeek, Grain.MONTH: TruncMonth, Grain.QUARTER: TruncQuarter, Grain.YEAR: TruncYear}


def development_series(
    period: Period, grain: str, *, scope: ResolvedScope, where: Q | None = None
) -> list[tuple[Period, Development]]:
    """Development per bucket: each bucket is a period of its own, so a customer counts
    as converted when it converted before its bucket's end, i.e. in a bucket no later
    than the one it was developed in (and before the period's end)."""
    rows = CustomerDevelopment.objects.filter(credited_scope_q(scope) & (where or Q())).filter(
        developed_on__gte=period.start, developed_on__lt=period.end
    )
    if grain == Grain.DAY:
        rows = rows.annotate(bucket=F("developed_on"), converted_bucket=F("converted_on"))
    else:
        truncate = _TRUNCATE[grain]
        rows = rows.annotate(
            bucket=truncate("developed_on", output_field=DateField()),
            converted_bucket=truncate("converted_on", output_field=DateField()),
        )
    converted = Q(converted_bucket__lte=F("bucket"), converted_on__lt=period.end)
    grouped = rows.values("bucket").annotate(
        developed=Count("customer_id"), converted=Count("customer_id", filter=converted)
    )
    found = {max(row["bucket"], period.start): Development(row["developed"], row["converted"]) for row in grouped}
    return [(bucket, found.get(bucket.start, Development())) for bucket in period.buckets(grain)]


@dataclass
class CustomerValue:
    """A customer's purchases in a period: cumulative spend (累计消费金额) over it, purchase
    count, and the first and last payment times."""

    sales_amount: Decimal = ZERO
    purchase_count: int = 0
    first_paid_at: datetime | None = None
    last_paid_at: datetime | None = None

    @property
    def purchase_cycle_days(self) -> Decimal | None:
        """平均购买周期: the mean gap between consecutive payments, which is the span from
        the first to the last over one fewer than their number; None below two."""
        if self.purchase_count < 2 or self.first_paid_at is None or self.last_paid_at is None:
            return None
        span = Decimal((self.last_paid_at - self.first_paid_at).total_seconds()) / Decimal(86_400)
        return (span / (self.purchase_count - 1)).quantize(Decimal("0.01"))


def visible_customers_q(scope: ResolvedScope) -> Q:
    """Rows whose customer the viewer may see now (its current owner is in scope)."""
    if scope.everything:
        return Q()
    return Q(customer_id__in=Customer.objects.filter(owner_id__in=scope.person_ids).values("id"))


def customer_values(period: Period, *, scope: ResolvedScope, where: Q | None = None) -> dict[int, CustomerValue]:
    """Per customer the viewer may see, its purchases paid in the period."""
    rows = (
        CustomerSalesDay.objects.filter(visible_customers_q(scope) & (where or Q()))
        .filter(day__gte=period.start, day__lt=period.end)
        .values("customer_id")
        .annotate(
            amount=Sum("sales_amount"),
            purchases=Sum("purchase_count"),
            first=Min("first_paid_at"),
            last=Max("last_paid_at"),
        )
    )
    return {
        row["customer_id"]: CustomerValue(money(row["amount"]), row["purchases"], row["first"], row["last"])
        for row in rows
    }


def customer_spend_series(
    period: Period, grain: str, customer_id: int, *, scope: ResolvedScope
) -> list[tuple[Period, Decimal, Decimal]]:
    """One customer's spend per bucket and its cumulative spend (累计消费金额) as of each
    bucket's end: everything it paid before, plus the buckets so far."""
    rows = CustomerSalesDay.objects.filter(visible_customers_q(scope), customer_id=customer_id)
    before = money(rows.filter(day__lt=period.start).aggregate(total=Sum("sales_amount"))["total"])
    spent: dict[date, Decimal] = defaultdict(lambda: ZERO)
    in_period = rows.filter(day__gte=period.start, day__lt=period.end).values("day").annotate(total=Sum("sales_amount"))
    for row in in_period:
        start = max(bucket_start(row["day"], grain), period.start)
        spent[start] = money(spent[start] + money(row["total"]))
    series, running = [], before
    for bucket in period.buckets(grain):
        running = money(running + spent[bucket.start])
        series.append((bucket, spent[bucket.start], running))
    return series


def average_purchase_cycle(values: Iterable[CustomerValue]) -> Decimal | None:
    """For a group of customers: the mean of their cycles, over those that have one."""
    cycles = [value.purchase_cycle_days for value in values if value.purchase_cycle_days is not None]
    if not cycles:
        return None
    return (sum(cycles, Decimal(0)) / len(cycles)).quantize(Decimal("0.01"))


FREQUENCY_BANDS = [("0", 0, 0), ("1", 1, 1), ("2", 2, 2), ("3-5", 3, 5), ("6-10", 6, 10), ("11+", 11, None)]


def purchase_frequency_distribution(
    period: Period, *, scope: ResolvedScope, values: dict[int, CustomerValue] | None = None
) -> dict[str, int]:
    """购买频次分布: how many customers (those the viewer may see, registered before the
    period's end) made 0, 1, 2, 3–5, 6–10, 11+ purchases in the period. `values` are the
    period's customer values when the caller read them already."""
    if values is None:
        values = customer_values(period, scope=scope)
    counts = [value.purchase_count for value in values.values()]
    population = Customer.objects.within(scope).filter(registered_at__lt=period.ends_at).count()
    bands = {label: 0 for label, _, _ in FREQUENCY_BANDS}
    for count in counts:
        bands[_band(count)] += 1
    bands["0"] = max(population - len(counts), 0)
    return bands


def _band(count: int) -> str:
    for label, low, high in FREQUENCY_BANDS:
        if count >= low and (high is None or count <= high):
            return label
    raise ValueError(count)


def competition_ranks(values: Mapping[Any, Decimal | int | None], *, descending: bool = True) -> dict[Any, int]:
    """Rankings (METRICS.md): equal values share a rank and the next rank skips
    (1, 2, 2, 4). Subjects without a value ("—") rank last, together."""
    present = sorted((value for value in values.values() if value is not None), reverse=descending)
    first_position: dict[Any, int] = {}
    for position, value in enumerate(present, start=1):
        first_position.setdefault(value, position)
    last = len(present) + 1
    return {key: first_position[value] if value is not None else last for key, value in values.items()}


def customer_composition(*, scope: ResolvedScope, registered_before: datetime) -> dict[str, list[dict[str, Any]]]:
    """客户构成: the customers the viewer may see, registered before a time, by pharmacy type
    and by province."""
    customers = Customer.objects.within(scope).filter(registered_at__lt=registered_before).order_by()
    return {
        "by_pharmacy_type": [
            {"key": row["pharmacy_type"], "customers": row["customers"]}
            for row in customers.values("pharmacy_type")
            .annotate(customers=Count("id"))
            .order_by("-customers", "pharmacy_type")
        ],
        "by_province": [
            {"key": row["province"], "customers": row["customers"]}
            for row in customers.values("province").annotate(customers=Count("id")).order_by("-customers", "province")
        ],
    }


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


_TRUNCATE_TIME = {Grain.DAY: TruncDay, **_TRUNCATE}


def churn_series(period: Period, grain: str, *, scope: ResolvedScope) -> list[tuple[Period, ChurnBucket]]:
    """Per bucket: customers lost in it (their last purchase + N falls in it), and churn
    as of its end, from running sums: lost at T = lapses begun before T − lapses ended
    (returned) before T."""
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
