"""Keeping customer value by calendar period right (DESIGN.md rule 7): each customer's
purchases per calendar month (`CustomerMonth`, from its days in `CustomerSalesDay`),
quarter (from its months) and year (from its quarters), and per current owner and period
their summary (`CustomerValueSummary`). A pass re-summarises the periods holding the
changed days for the customers who bought on them, moves the rows of customers whose
owner changed, and sums anew the summaries of every owner and period it touched.

Customer value over a period that is not one calendar month, quarter or year counts
distinct customers and their frequency bands, which no sum of smaller periods gives: each
customer is summed over the period's calendar pieces (`customer_pieces.py`, decision 0007)."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import (
    Case,
    Count,
    DateField,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Trunc

from crm.analytics.metrics import SecondsBetween
from crm.analytics.models import (
    CustomerMonth,
    CustomerPeriodFigures,
    CustomerQuarter,
    CustomerSalesDay,
    CustomerTrailing,
    CustomerValueSummary,
    CustomerYear,
)
from crm.analytics.rollup_sql import delete_rows, insert_grouped, written_anew
from crm.core.periods import Grain, bucket_start, next_bucket
from crm.customers.models import Customer

CUSTOMER_PERIODS: dict[str, type[CustomerPeriodFigures]] = {
    Grain.MONTH: CustomerMonth,
    Grain.QUARTER: CustomerQuarter,
    Grain.YEAR: CustomerYear,
}

# The trailing windows kept like calendar periods (decision 0009), by name: how many years
# back from the day after today they reach (近12个月, 近3年).
TRAILING_YEARS = {"12m": 1, "36m": 3}

# 购买频次分布 (METRICS.md): label, fewest and most purchases (None: no limit), and the
# summary column counting the customers in the band ("0" is the registered who bought nothing).
FREQUENCY_BANDS: list[tuple[str, int, int | None, str | None]] = [
    ("0", 0, 0, None),
    ("1", 1, 1, "bought_once"),
    ("2", 2, 2, "bought_twice"),
    ("3-5", 3, 5, "bought_3_to_5"),
    ("6-10", 6, 10, "bought_6_to_10"),
    ("11+", 11, None, "bought_11_or_more"),
]

# A customer's figures over a period (CustomerFigures' columns) and the aliases its
# grouped rows give them.
FIGURE_COLUMNS = {
    "customer_id": "buyer",
    "owner_id": "holder",
    "sales_amount": "amount",
    "purchase_count": "purchases",
    "first_paid_at": "first",
    "last_paid_at": "last",
    "purchase_cycle_seconds": "cycle",
}

# Which periods a set of owners' summaries must be summed anew for: (grain, start) → owners.
SummaryKeys = dict[tuple[str, date], set[int | None]]


def calendar_grain(start: date, end: date) -> str | None:
    """The grain whose one calendar bucket `[start, end)` is, if it is a month, quarter or year."""
    for grain in CUSTOMER_PERIODS:
        if bucket_start(start, grain) == start and next_bucket(start, grain) == end:
            return grain
    return None


def _sources() -> list[tuple[str, type[CustomerPeriodFigures], QuerySet, str, str]]:
    """Each level with what it is summed from: the grain, the level, its source rows, the
    source's date column and where the source finds the customer's current owner."""
    return [
        (Grain.MONTH, CustomerMonth, CustomerSalesDay.objects.all(), "day", "owner_id"),
        (Grain.QUARTER, CustomerQuarter, CustomerMonth.objects.all(), "start", "owner_id"),
        (Grain.YEAR, CustomerYear, CustomerQuarter.objects.all(), "start", "owner_id"),
    ]


def _summarise_level(
    grain: str, model: type[CustomerPeriodFigures], rows: QuerySet, column: str, owner: str, starts: list[date] | None
) -> None:
    """One level's rows for the customers of `rows` in these periods (None: all time)."""
    if starts is not None:
        within = Q()
        for start in starts:
            within |= Q(**{f"{column}__gte": start, f"{column}__lt": next_bucket(start, grain)})
        rows = rows.filter(within)
    purchases = F("purchases")
    cycle = ExpressionWrapper(SecondsBetween(F("first"), F("last")) / (purchases - 1), output_field=FloatField())
    grouped = (
        rows.annotate(
            buyer=F("customer_id"),
            period_start=Trunc(column, grain, output_field=DateField()),
            holder=F(owner),
        )
        .values("buyer", "period_start", "holder")
        .annotate(
            amount=Sum("sales_amount"),
            purchases=Sum("purchase_count"),
            first=Min("first_paid_at"),
            last=Max("last_paid_at"),
        )
        .annotate(cycle=Case(When(purchases__gte=2, then=cycle), default=None, output_field=FloatField()))
    )
    insert_grouped(
        model,
        grouped,
        {**FIGURE_COLUMNS, "start": "period_start"},
        # All time (a rebuild): a period's rows by owner together, as a scope reads them (in
        # the grouping's order, a supervisor's 9,000 customers of a quarter lay on 7,900 pages).
        clustered_by=["period_start", "holder"] if starts is None else None,
    )


def summarise_customer_periods(customer_ids: set[int], days: Iterable[date]) -> SummaryKeys:
    """The months, quarters and years holding these days, for these customers, from their
    days; answers the periods and owners whose summaries changed."""
    days = set(days)
    keys: SummaryKeys = defaultdict(set)
    if not customer_ids or not days:
        return keys
    for grain, model, source, column, owner in _sources():
        starts = sorted({bucket_start(day, grain) for day in days})
        rows = model.objects.filter(customer_id__in=customer_ids, start__in=starts)
        _add_owners(keys, grain, rows)  # the owners of the rows replaced…
        delete_rows(rows)
        _summarise_level(grain, model, source.filter(customer_id__in=customer_ids), column, owner, starts)
        _add_owners(keys, grain, rows)  # …and of the rows written: both owners' summaries change
    return keys


def _add_owners(keys: SummaryKeys, grain: str, rows: QuerySet) -> None:
    for start, holder in rows.values_list("start", "owner_id").distinct():
        keys[(grain, start)].add(holder)


def move_customer_periods(customer_ids: Iterable[int]) -> SummaryKeys:
    """The rows of customers whose owner changed, given to their current owner; answers
    the periods and owners (old and new) whose summaries changed. Their days were moved
    with them (an owner copy), unless a rebuild wrote them meanwhile: moved here as well."""
    current = dict(Customer.objects.filter(id__in=set(customer_ids)).values_list("id", "owner_id"))
    by_owner: dict[int | None, set[int]] = defaultdict(set)
    for customer_id, owner_id in current.items():
        by_owner[owner_id].add(customer_id)
    for owner_now, theirs in by_owner.items():
        CustomerSalesDay.objects.filter(customer_id__in=theirs).exclude(owner_id=owner_now).update(owner_id=owner_now)
    keys: SummaryKeys = defaultdict(set)
    for grain, model in CUSTOMER_PERIODS.items():
        moving: dict[int | None, set[int]] = defaultdict(set)
        rows = model.objects.filter(customer_id__in=current).values_list("customer_id", "start", "owner_id")
        for customer_id, start, holder in rows:
            if holder != current[customer_id]:
                keys[(grain, start)].update({holder, current[customer_id]})
                moving[current[customer_id]].add(customer_id)
        for new_owner, customers in moving.items():
            model.objects.filter(customer_id__in=customers).update(owner_id=new_owner)
    return keys


def _owners_q(owners: set[int | None]) -> Q:
    condition = Q(owner_id__in=[owner for owner in owners if owner is not None])
    return condition | Q(owner__isnull=True) if None in owners else condition


def summed(grain: str, rows: QuerySet, start: date | None = None) -> None:
    """The summaries of these customers' rows per owner, as `grain`'s, and per row's start
    (or, for a trailing window's rows, at its `start`)."""
    bands = {
        column: Count("customer_id", filter=Q(purchase_count__gte=low) & (Q(purchase_count__lte=high) if high else Q()))
        for _, low, high, column in FREQUENCY_BANDS
        if column
    }
    insert_grouped(
        CustomerValueSummary,
        rows.annotate(
            period_grain=Value(grain),
            period_start=F("start") if start is None else Value(start, output_field=DateField()),
            holder=F("owner_id"),
        )
        .values("period_grain", "period_start", "holder")
        .annotate(
            customers=Count("customer_id"),
            amount=Sum("sales_amount"),
            purchases=Sum("purchase_count"),
            cycle_sum=Coalesce(Sum("purchase_cycle_seconds"), Value(0.0)),
            cycles=Count("purchase_cycle_seconds"),
            **{f"in_{column}": band for column, band in bands.items()},
        ),
        {
            "grain": "period_grain",
            "start": "period_start",
            "owner_id": "holder",
            "purchasing_customers": "customers",
            "sales_amount": "amount",
            "purchase_count": "purchases",
            "cycle_seconds_sum": "cycle_sum",
            "cycle_customers": "cycles",
            **{column: f"in_{column}" for column in bands},
        },
    )


def summarise_customer_values(keys: SummaryKeys) -> None:
    """The summaries of these owners in these periods (calendar ones and trailing windows),
    from the customers' rows."""
    for (grain, start), owners in sorted(keys.items(), key=lambda item: (item[0][0], item[0][1])):
        condition = _owners_q(owners)
        delete_rows(CustomerValueSummary.objects.filter(condition, grain=grain, start=start))
        if grain in TRAILING_YEARS:
            summed(grain, CustomerTrailing.objects.filter(condition, window=grain), start)
        else:
            summed(grain, CUSTOMER_PERIODS[grain].objects.filter(condition, start=start))


def rebuild_customer_periods() -> None:
    """Every level written anew from the one below, then every summary, in one transaction."""
    with transaction.atomic():
        for grain, model, source, column, owner in _sources():
            with written_anew(model):
                _summarise_level(grain, model, source, column, owner, None)
        with written_anew(CustomerValueSummary):
            for grain, model in CUSTOMER_PERIODS.items():
                summed(grain, model.objects.all())
