"""METRICS.md as code: each figure defined once, with its name, read from the rollups.

A period is whole business days `[start, end)`; whole calendar months inside it are read
from the monthly rollups and the days around them from the daily ones. Performance figures
(sales, orders, products, development) follow attribution: a row counts for the rep, group
and department it is credited to, and the viewer's scope reaches rows credited to people in
it or to units in it. Customer figures (value, purchase frequency) are about the customers
the viewer may see now, with all their purchases.
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import F, FloatField, Func, Q, QuerySet, Sum

from crm.analytics.credit import credited_scope_q
from crm.analytics.models import (
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


def period_sources(period: Period, daily: QuerySet[Any], monthly: QuerySet[Any]) -> list[tuple[QuerySet[Any], str]]:
    """The rollup rows of a period, each with its date column: whole months from the monthly
    rollup ("month"), the other days from the daily one ("day")."""
    months, edges = period.split_by_months()
    sources: list[tuple[QuerySet[Any], str]] = []
    if months:
        sources.append((monthly.filter(month__gte=months[0].start, month__lt=months[-1].end), "month"))
    if edges:
        sources.append((daily.filter(_days_q(edges)), "day"))
    return sources


def read_period(
    period: Period,
    daily: QuerySet[Any],
    monthly: QuerySet[Any],
    keys: list[str],
    sums: dict[str, Any],
    *,
    by_date: bool = False,
) -> list[dict[str, Any]]:
    """Grouped sums over the period (`period_sources`). With `by_date`, rows are also
    grouped by their day or month (as `date`), for series."""
    rows: list[dict[str, Any]] = []
    for source, date_column in period_sources(period, daily, monthly):
        if by_date:
            source = source.annotate(date=F(date_column))
        rows += grouped(source, [*keys, *(["date"] if by_date else [])], sums)
    return rows


def grouped(rows: QuerySet[Any], keys: list[str], sums: dict[str, Any]) -> list[dict[str, Any]]:
    """The sums per distinct value of the keys; with no keys, one row of sums over all rows
    (`values()` of no field groups by every column: one row per rollup row)."""
    if keys:
        return [dict(row) for row in rows.values(*keys).annotate(**sums)]
    return [rows.aggregate(**sums)]


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


def sales_totals_within(pieces: list[Period], *, scope: ResolvedScope) -> list[SalesTotals]:
    """The totals of several short periods at once, in their order (the dashboard's today,
    this month and last month to date): the day series over the days they span, summed per
    period. Sales figures add up, so the days give what the months would."""
    span = Period(min(piece.start for piece in pieces), max(piece.end for piece in pieces))
    days = sales_series(span, Grain.DAY, scope=scope)
    answer = []
    for piece in pieces:
        totals = SalesTotals()
        for day, figures in days:
            if piece.start <= day.start < piece.end:
                totals.add(vars(figures))
        answer.append(totals)
    return answer


def visible_customers_q(scope: ResolvedScope) -> Q:
    """Rows whose customer the viewer may see now (its current owner is in scope)."""
    if scope.everything:
        return Q()
    return Q(customer_id__in=Customer.objects.filter(owner_id__any_of=scope.person_ids).values("id"))


def owned_now_q(scope: ResolvedScope) -> Q:
    """Rows keyed by a customer's current owner (`owner`) that the viewer may see now."""
    return Q() if scope.everything else Q(owner_id__any_of=scope.person_ids)


def competition_ranks(values: Mapping[Any, Decimal | int | None], *, descending: bool = True) -> dict[Any, int]:
    """Rankings (METRICS.md): equal values share a rank and the next rank skips
    (1, 2, 2, 4). Subjects without a value ("—") rank last, together."""
    present = sorted((value for value in values.values() if value is not None), reverse=descending)
    first_position: dict[Any, int] = {}
    for position, value in enumerate(present, start=1):
        first_position.setdefault(value, position)
    last = len(present) + 1
    return {key: first_position[value] if value is not None else last for key, value in values.items()}


class SecondsBetween(Func):
    """The seconds from the first moment to the second, as a number."""

    arity = 2
    output_field = FloatField()
    template = "EXTRACT(EPOCH FROM (%(expressions)s))"
    arg_joiner = " - "

    def __init__(self, start: Any, end: Any) -> None:
        super().__init__(end, start)  # the templates subtract the second from the first

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s)) * 86400.0)",
            arg_joiner=") - julianday(",
            **extra,
        )
