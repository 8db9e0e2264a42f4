"""Customer value (METRICS.md): what the customers a viewer may see now spent in a period,
with all their purchases whoever was credited: cumulative spend, purchase counts, the
purchase cycle, the purchase-frequency distribution and the top customers (the
composition is `composition.py`'s). Over one calendar month, quarter or year, or a
trailing window as it stands now (近12个月, 近3年), they are read from that period's
per-customer rows and per-owner summaries (`customer_rollups.py`, `customer_trailing.py`);
over any other period each customer is summed over the period's calendar pieces
(`customer_pieces.py`, the top customers by `customer_top.py`'s threshold reading), and
narrowed by credit from the customer days (decisions 0007, 0009)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, F, Max, Min, Q, QuerySet, Sum

from crm.analytics import customer_pieces, customer_top
from crm.analytics.churn_figures import churn_as_of
from crm.analytics.customer_rollups import CUSTOMER_PERIODS, FREQUENCY_BANDS, calendar_grain
from crm.analytics.customer_trailing import held_window
from crm.analytics.metrics import SecondsBetween, competition_ranks, owned_now_q
from crm.analytics.models import CustomerSalesDay, CustomerTrailing, CustomerValueSummary
from crm.core.money import ZERO, money
from crm.core.periods import Period, bucket_start
from crm.core.scope import ResolvedScope


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


def customer_values(period: Period, *, scope: ResolvedScope, where: Q | None = None) -> dict[int, CustomerValue]:
    """Per customer the viewer may see, its purchases paid in the period."""
    rows = _per_customer(period, scope, where)
    return {
        row["customer_id"]: CustomerValue(money(row["amount"]), row["purchases"], row["first"], row["last"])
        for row in (customer_pieces.customer_rows(period, scope) if rows is None else rows)
    }


def customer_spend_series(
    period: Period, grain: str, customer_id: int, *, scope: ResolvedScope
) -> list[tuple[Period, Decimal, Decimal]]:
    """One customer's spend per bucket and its cumulative spend (累计消费金额) as of each
    bucket's end: everything it paid before, plus the buckets so far."""
    rows = CustomerSalesDay.objects.filter(owned_now_q(scope), customer_id=customer_id)
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


def _held(period: Period) -> tuple[QuerySet[Any], str] | None:
    """The per-customer rows of a period kept whole, and its summaries' grain: one calendar
    month, quarter or year, or a trailing window as it stands now (decisions 0007, 0009)."""
    grain = calendar_grain(period.start, period.end)
    if grain is not None:
        return CUSTOMER_PERIODS[grain].objects.filter(start=period.start), grain
    window = held_window(period)
    if window is not None:
        return CustomerTrailing.objects.filter(window=window), window
    return None


def _per_customer(period: Period, scope: ResolvedScope, where: Q | None) -> QuerySet[Any] | None:
    """One row per customer the viewer may see with purchases paid in the period: from the
    customer's row of a period kept whole (`_held`), grouped from its days when a narrowing
    by credit asks which rep each purchase was credited to; None when the period's calendar
    pieces answer (`customer_pieces`)."""
    if where:
        return _narrowed_by_credit(period, scope, where)
    held = _held(period)
    if held is None:
        return None
    return (
        held[0]
        .filter(owned_now_q(scope))
        .annotate(
            amount=F("sales_amount"),
            purchases=F("purchase_count"),
            first=F("first_paid_at"),
            last=F("last_paid_at"),
        )
        .values("customer_id", "amount", "purchases", "first", "last")
    )


def _narrowed_by_credit(period: Period, scope: ResolvedScope, where: Q) -> QuerySet[Any]:
    """Per customer, its purchases in the period credited as `where` narrows them."""
    return (
        CustomerSalesDay.objects.filter(owned_now_q(scope) & where)
        .filter(day__gte=period.start, day__lt=period.end)
        .values("customer_id")
        .annotate(
            amount=Sum("sales_amount"),
            purchases=Sum("purchase_count"),
            first=Min("first_paid_at"),
            last=Max("last_paid_at"),
        )
    )


@dataclass
class CustomerSummary:
    """The purchasing customers of a period together: how many, their spend and purchases,
    their average purchase cycle (the mean of their cycles, over those with two or more
    purchases; None when none has) and the purchase-frequency distribution (购买频次分布),
    whose "0" band counts the customers registered before the period's end who bought nothing."""

    purchasing_customers: int
    sales_amount: Decimal
    purchase_count: int
    average_purchase_cycle_days: Decimal | None
    frequency: dict[str, int]


def _summed_totals(period: Period, scope: ResolvedScope, where: Q | None) -> dict[str, Any]:
    """Customers, spend, purchases, the mean cycle in seconds and each band's customers
    (by band column): a period kept whole from its owners' summaries, others from the
    customers' calendar pieces, or their days when narrowed by credit."""
    held = None if where else _held(period)
    bands = [column for _, _, _, column in FREQUENCY_BANDS if column]
    if held is not None:
        totals = CustomerValueSummary.objects.filter(owned_now_q(scope), grain=held[1], start=period.start).aggregate(
            customers=Sum("purchasing_customers"),
            amount=Sum("sales_amount"),
            purchases=Sum("purchase_count"),
            cycle_sum=Sum("cycle_seconds_sum"),
            cycles=Sum("cycle_customers"),
            **{column: Sum(column) for column in bands},
        )
        totals["cycle_seconds"] = totals["cycle_sum"] / totals["cycles"] if totals["cycles"] else None
        return totals
    if not where:
        return customer_pieces.summed_totals(period, scope)
    rows = _narrowed_by_credit(period, scope, where)
    cycle = SecondsBetween("first", "last") / (F("purchases") - 1)
    totals = rows.aggregate(
        customers=Count("customer_id"),
        total_amount=Sum("amount"),
        total_purchases=Sum("purchases"),
        cycle_seconds=Avg(cycle, filter=Q(purchases__gte=2)),
        **{
            column: Count("customer_id", filter=Q(purchases__gte=low) & (Q(purchases__lte=high) if high else Q()))
            for _, low, high, column in FREQUENCY_BANDS
            if column
        },
    )
    # Named apart from the rows' own `amount` and `purchases`, which the cycle reads.
    return {**totals, "amount": totals["total_amount"], "purchases": totals["total_purchases"]}


def customer_summary(period: Period, *, scope: ResolvedScope, where: Q | None = None) -> CustomerSummary:
    return _summary(period, scope, _summed_totals(period, scope, where))


def _summary(period: Period, scope: ResolvedScope, totals: dict[str, Any]) -> CustomerSummary:
    purchasing = totals["customers"] or 0
    registered = churn_as_of(period.ends_at, scope=scope).registered
    frequency = {
        label: (totals[column] or 0) if column else max(registered - purchasing, 0)
        for label, _, _, column in FREQUENCY_BANDS
    }
    seconds = totals["cycle_seconds"]
    return CustomerSummary(
        purchasing_customers=purchasing,
        sales_amount=money(totals["amount"]),
        purchase_count=totals["purchases"] or 0,
        average_purchase_cycle_days=None
        if seconds is None
        else (Decimal(str(seconds)) / Decimal(86_400)).quantize(Decimal("0.01")),
        frequency=frequency,
    )


FIGURE_COLUMNS = {"sales_amount": "amount", "purchase_count": "purchases"}


def top_customers(
    period: Period,
    *,
    scope: ResolvedScope,
    where: Q | None = None,
    figure: str = "sales_amount",
    descending: bool = True,
    limit: int,
) -> list[tuple[int, int, CustomerValue]]:
    """The first customers by a figure (ties by id), each with its competition rank (1, 2,
    2, 4) among all purchasing customers and its value; only the first `limit` are read."""
    column = FIGURE_COLUMNS[figure]
    rows = _per_customer(period, scope, where)
    if rows is None:
        ordered: Any = customer_top.top_rows(period, scope, column, limit) if descending else None
        if ordered is None:
            ordered = customer_pieces.customer_rows(period, scope, order_by=column, descending=descending, limit=limit)
    else:
        ordered = rows.order_by(F(column).desc() if descending else F(column).asc(), "customer_id")[:limit]
    return _ranked(ordered, figure, descending)


def _ranked(ordered: Any, figure: str, descending: bool) -> list[tuple[int, int, CustomerValue]]:
    """Customer rows in order, each with its competition rank by the figure and its value."""
    values = [
        (row["customer_id"], CustomerValue(money(row["amount"]), row["purchases"], row["first"], row["last"]))
        for row in ordered
    ]
    # In an ordered list a value's competition rank is where it first appears.
    ranks = competition_ranks({key: getattr(value, figure) for key, value in values}, descending=descending)
    return [(key, ranks[key], value) for key, value in values]


def summary_and_top_customers(
    period: Period, *, scope: ResolvedScope, where: Q | None = None, limit: int
) -> tuple[CustomerSummary, list[tuple[int, int, CustomerValue]]]:
    """`customer_summary` and `top_customers` by spend, highest first. For a viewer who does
    not see everything, over a period summed from its calendar pieces, both come from one
    grouping of their customers, which is most of the cost of either (a supervisor's
    year: the threshold reading of the top customers cost as much again as the summary)."""
    if not where and not scope.everything and _held(period) is None:
        totals, best = customer_pieces.summed_totals_and_top(period, scope, limit)
        return _summary(period, scope, totals), _ranked(best, "sales_amount", True)
    return (
        customer_summary(period, scope=scope, where=where),
        top_customers(period, scope=scope, where=where, limit=limit),
    )
