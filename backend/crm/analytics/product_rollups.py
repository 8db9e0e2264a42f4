"""Keeping the product rollups right (DESIGN.md rule 7): the company's sales per product
and day (and month, summed from the days; quarter and year, summed from the months), and
the sales credited to each rep per product and month. The credited rollup keeps one row
per key and day while a month is open and is compacted when the month is over, except the
months the rolling windows 近12个月 and 近3年 start in, kept by day while they do (decision
0016); a change to a complete month re-aggregates that month from the raw orders. The
sales per credited unit (UnitProductSales) and per credited department
(DepartmentProductSales) are summed from a month's credited rows whenever they are written
as a complete month, and its quarter and year from its months; the departments' sales over
the rest of the month a window starts in and over each open month so far, from that
month's day rows (decision 0017)."""

from collections.abc import Collection, Iterable
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, DateField, Expression, F, Max, Min, QuerySet, Sum, Value
from django.db.models.functions import Cast, Coalesce, Trunc, TruncDate, TruncMonth

from crm.analytics.customer_rollups import TRAILING_YEARS
from crm.analytics.customer_trailing import trailing_period
from crm.analytics.models import (
    CreditedProductSales,
    DepartmentProductSales,
    PieceProductFigures,
    ProductSalesDay,
    ProductSalesMonth,
    ProductSalesPeriod,
    UnitProductSales,
)
from crm.analytics.rollup_sql import CREDIT_COLUMNS, credit, delete_rows, insert_grouped
from crm.commerce.models import COUNTED_STATUSES, Order, OrderItem
from crm.core.periods import Grain, Period, bucket_start, day_start, month_start, next_bucket, next_month, today

_SUMS = {"item_amount": Sum("amount"), "sold_quantity": Sum("quantity")}
# The rollups per sales unit summed from the credited months, and the unit each keys a
# credited row by: its group (its department when the rep was in no group), its department.
_UNIT_LEVELS: list[tuple[type[PieceProductFigures], Expression | F]] = [
    (UnitProductSales, Coalesce("group_id", "department_id")),
    (DepartmentProductSales, F("department_id")),
]
# DepartmentProductSales' grains of the rest of a month from a window's first day on, and
# of an open month so far.
REST_OF_MONTH = "rest"
MONTH_SO_FAR = "open"
_SUM_COLUMNS = {"sales_amount": "item_amount", "quantity": "sold_quantity"}


def first_open_month() -> date:
    """The first month whose days still change, which the credited rollup keeps by day:
    last month as well as this one, since orders paid last month are still being shipped,
    completed and cancelled in the first weeks of this one."""
    return month_start(month_start(today()) - timedelta(days=1))


def open_months() -> set[date]:
    """The months whose days still change: this one and the last."""
    return {first_open_month(), month_start(today())}


def is_month_so_far(piece: Period) -> bool:
    """Whether a run of days starts on an open month's first day: its rows so far answer
    it when no later day of the month has sales (this month through today, last month
    whole)."""
    return piece.start.day == 1 and piece.start >= first_open_month()


def is_rest_of_month(piece: Period) -> bool:
    """Whether a run of days runs from past a month's first day to its end."""
    return piece.start.day != 1 and piece.end == next_month(piece.start)


def window_starts() -> set[date]:
    """The days the rolling windows (近12个月, 近3年) start on today that lie past the first
    of a complete month: the window reads the rest of that month."""
    starts = [trailing_period(name, today()).start for name in TRAILING_YEARS]
    return {start for start in starts if start.day != 1 and start < first_open_month()}


def window_edges() -> set[date]:
    """The complete months the rolling windows start in past their first day, which the
    credited rollup keeps by day although they are over: a viewer who sees some units
    would otherwise read the window's days of it from the order lines (decision 0016)."""
    return {month_start(start) for start in window_starts()}


def items_paid(starts_on: date, ends_on: date) -> QuerySet[Any]:
    """The lines of counted orders paid on the business days `[starts_on, ends_on)`."""
    return OrderItem.objects.filter(
        order__paid_at__gte=day_start(starts_on),
        order__paid_at__lt=day_start(ends_on),
        order__status__in=COUNTED_STATUSES,
    )


def lines_paid(starts_on: date, ends_on: date) -> QuerySet[Any]:
    """`items_paid`, for a rollup writer: also within the ids of the orders paid on those
    days, so that the lines are read by their order index rather than all 25 M of them
    scanned for a month's (orders are paid soon after they are created, so their ids lie
    close together: a month's 640,000 lines in 0.9 s instead of 8.4 s at L)."""
    paid = Order.objects.filter(paid_at__gte=day_start(starts_on), paid_at__lt=day_start(ends_on))
    # With the count, PostgreSQL reads the days' orders by their payment index, rather than
    # walking the ids from either end for the first and last paid on those days.
    ids = paid.aggregate(first=Min("id"), last=Max("id"), orders=Count("id"))
    if ids["first"] is None:
        return OrderItem.objects.none()
    return items_paid(starts_on, ends_on).filter(order_id__gte=ids["first"], order_id__lte=ids["last"])


def summarise_company_days(period: Period) -> None:
    """ProductSalesDay for the period's days."""
    delete_rows(ProductSalesDay.objects.filter(day__gte=period.start, day__lt=period.end))
    insert_grouped(
        ProductSalesDay,
        lines_paid(period.start, period.end)
        .annotate(business_day=TruncDate("order__paid_at"), sold=F("product_id"))
        .values("business_day", "sold")
        .annotate(**_SUMS),
        {"day": "business_day", "product_id": "sold", **_SUM_COLUMNS},
    )


def summarise_company_months(first_month: date, end_month: date) -> None:
    """ProductSalesMonth for the months `[first_month, end_month)`, from the days, and the
    quarters and years holding them."""
    ProductSalesMonth.objects.filter(month__gte=first_month, month__lt=end_month).delete()
    insert_grouped(
        ProductSalesMonth,
        ProductSalesDay.objects.filter(day__gte=first_month, day__lt=end_month)
        .annotate(calendar_month=TruncMonth("day", output_field=DateField()))
        .values("calendar_month", "product_id")
        .annotate(total_amount=Sum("sales_amount"), total_quantity=Sum("quantity")),
        {
            "month": "calendar_month",
            "product_id": "product_id",
            "sales_amount": "total_amount",
            "quantity": "total_quantity",
        },
        # A month's rows together: a period reads whole months (ten thousand rows each at L).
        clustered_by=["calendar_month", "product_id"],
    )
    summarise_company_periods(first_month, end_month)


def summarise_company_periods(first_month: date, end_month: date) -> None:
    """ProductSalesPeriod for the quarters and years holding the months `[first_month,
    end_month)`, from the months (after those were summarised)."""
    last_month = end_month - timedelta(days=1)
    for grain in (Grain.QUARTER, Grain.YEAR):
        first, end = bucket_start(first_month, grain), next_bucket(bucket_start(last_month, grain), grain)
        ProductSalesPeriod.objects.filter(grain=grain, start__gte=first, start__lt=end).delete()
        insert_grouped(
            ProductSalesPeriod,
            ProductSalesMonth.objects.filter(month__gte=first, month__lt=end)
            .annotate(period_grain=Value(grain), period_start=Trunc("month", grain, output_field=DateField()))
            .values("period_grain", "period_start", "product_id")
            .annotate(total_amount=Sum("sales_amount"), total_quantity=Sum("quantity")),
            {
                "grain": "period_grain",
                "start": "period_start",
                "product_id": "product_id",
                "sales_amount": "total_amount",
                "quantity": "total_quantity",
            },
            clustered_by=["period_start", "product_id"],
        )


def summarise_credited_months(first_month: date, end_month: date) -> None:
    """CreditedProductSales of the complete months `[first_month, end_month)`, one row per
    key and month, straight from the raw orders; then their units' rows."""
    _credited_months(first_month, end_month)
    summarise_unit_months(first_month, end_month)


def _credited_months(first_month: date, end_month: date) -> None:
    delete_rows(CreditedProductSales.objects.filter(month__gte=first_month, month__lt=end_month))
    no_day = Cast(Value(None), output_field=DateField())
    insert_grouped(
        CreditedProductSales,
        lines_paid(first_month, end_month)
        .annotate(
            calendar_month=TruncMonth(TruncDate("order__paid_at"), output_field=DateField()),
            compacted=no_day,
            sold=F("product_id"),
            **credit("order__"),
        )
        .values("calendar_month", "compacted", "sold", *CREDIT_COLUMNS.values())
        .annotate(**_SUMS),
        {
            "month": "calendar_month",
            "day": "compacted",
            "product_id": "sold",
            **CREDIT_COLUMNS,
            **_SUM_COLUMNS,
        },
        # A department's, a group's and a rep's rows together (a scan by one of them would
        # otherwise read every page of the table).
        clustered_by=["credit_department", "credit_group", "credit_rep", "calendar_month"],
    )


def summarise_unit_months(first_month: date, end_month: date) -> None:
    """UnitProductSales and DepartmentProductSales of the complete months `[first_month,
    end_month)`, from their credited rows, then of the quarters and years holding them."""
    _unit_months(first_month, end_month)
    summarise_unit_periods(first_month, end_month)


def _unit_months(first_month: date, end_month: date) -> None:
    for model, unit in _UNIT_LEVELS:
        delete_rows(model.objects.filter(grain=Grain.MONTH, start__gte=first_month, start__lt=end_month))
        insert_grouped(
            model,
            CreditedProductSales.objects.filter(month__gte=first_month, month__lt=end_month)
            .annotate(month_grain=Value(Grain.MONTH), credited_unit=unit)
            .values("month_grain", "month", "credited_unit", "product_id")
            .annotate(total_amount=Sum("sales_amount"), total_quantity=Sum("quantity")),
            _UNIT_COLUMNS | {"grain": "month_grain", "start": "month"},
            # A unit's rows of one month together: a supervisor reads a few pieces of one unit.
            clustered_by=["month", "credited_unit", "product_id"],
        )


def summarise_unit_periods(first_month: date, end_month: date) -> None:
    """UnitProductSales and DepartmentProductSales of the quarters and years holding the
    months `[first_month, end_month)`, from their months' rows."""
    for model, _unit in _UNIT_LEVELS:
        _unit_periods(model, first_month, end_month)


def _unit_periods(model: type[PieceProductFigures], first_month: date, end_month: date) -> None:
    last_month = end_month - timedelta(days=1)
    # The quarters from the months, the years from the quarters: a year re-summed after a
    # late change to one of its months reads four quarters' rows, not twelve months'.
    for grain, parts in [(Grain.QUARTER, Grain.MONTH), (Grain.YEAR, Grain.QUARTER)]:
        first, end = bucket_start(first_month, grain), next_bucket(bucket_start(last_month, grain), grain)
        delete_rows(model.objects.filter(grain=grain, start__gte=first, start__lt=end))
        insert_grouped(
            model,
            model.objects.filter(grain=parts, start__gte=first, start__lt=end)
            .annotate(
                period_grain=Value(grain),
                period_start=Trunc("start", grain, output_field=DateField()),
                credited_unit=F("unit_id"),
            )
            .values("period_grain", "period_start", "credited_unit", "product_id")
            .annotate(total_amount=Sum("sales_amount"), total_quantity=Sum("quantity")),
            _UNIT_COLUMNS | {"grain": "period_grain", "start": "period_start"},
            clustered_by=["period_start", "credited_unit", "product_id"],
        )


_UNIT_COLUMNS = {
    "unit_id": "credited_unit",
    "product_id": "product_id",
    "sales_amount": "total_amount",
    "quantity": "total_quantity",
}


def summarise_department_open_months(months: Collection[date]) -> None:
    """DepartmentProductSales of these open months so far, summed anew from their day rows
    (as the company's month is from its days, in each pass that changes them); those of
    months no longer open are deleted (compacted, their month rows written)."""
    rows = DepartmentProductSales.objects.filter(grain=MONTH_SO_FAR)
    delete_rows(rows.filter(start__lt=first_open_month()))
    for month in sorted(months):
        delete_rows(rows.filter(start=month))
        _department_days(MONTH_SO_FAR, month)


def summarise_department_rests(rewritten: Collection[date] = ()) -> None:
    """DepartmentProductSales over the rest of each month a window starts in, from the day
    it starts on, summed from that month's day rows: written where they are not, anew in
    the months whose day rows were `rewritten`; those of days no window starts on today
    are deleted (the windows slid)."""
    starts = window_starts()
    rests = DepartmentProductSales.objects.filter(grain=REST_OF_MONTH)
    delete_rows(rests.exclude(start__in=starts))
    for start in sorted(starts):
        held = rests.filter(start=start)
        if month_start(start) not in rewritten and held.exists():
            continue
        delete_rows(held)
        _department_days(REST_OF_MONTH, start)


def _department_days(grain: str, start: date) -> None:
    """DepartmentProductSales of a grain over the days from `start` to its month's end,
    summed from their credited day rows."""
    insert_grouped(
        DepartmentProductSales,
        CreditedProductSales.objects.filter(day__gte=start, day__lt=next_month(start))
        .annotate(days_grain=Value(grain), days_start=Value(start), credited_unit=F("department_id"))
        .values("days_grain", "days_start", "credited_unit", "product_id")
        .annotate(total_amount=Sum("sales_amount"), total_quantity=Sum("quantity")),
        _UNIT_COLUMNS | {"grain": "days_grain", "start": "days_start"},
        clustered_by=["credited_unit", "product_id"],
    )


def summarise_credited_days(period: Period) -> None:
    """CreditedProductSales of the period's days, all in months kept by day (open months,
    the windows' first months): one row per key and day."""
    delete_rows(CreditedProductSales.objects.filter(day__gte=period.start, day__lt=period.end))
    insert_grouped(
        CreditedProductSales,
        lines_paid(period.start, period.end)
        .annotate(
            business_day=TruncDate("order__paid_at"),
            calendar_month=TruncMonth(TruncDate("order__paid_at"), output_field=DateField()),
            sold=F("product_id"),
            **credit("order__"),
        )
        .values("calendar_month", "business_day", "sold", *CREDIT_COLUMNS.values())
        .annotate(**_SUMS),
        {
            "month": "calendar_month",
            "day": "business_day",
            "product_id": "sold",
            **CREDIT_COLUMNS,
            **_SUM_COLUMNS,
        },
        # A scope's rows of each day written together (a month held by day for a window is
        # written whole: a supervisor's 20,000 rows of its 950,000 on 250 pages, not 7,800).
        clustered_by=["credit_department", "credit_group", "credit_rep", "business_day"],
    )


def compact_credited_months(before: date, kept: Collection[date] = ()) -> list[date]:
    """Fold the day rows of the months before `before`, but those `kept` by day, into one
    row per key and month (the months answered)."""
    months = [month for month in _months_by_day(before) if month not in kept]
    credit_columns = list(CREDIT_COLUMNS)
    no_day = Cast(Value(None), output_field=DateField())
    for month in months:
        days = CreditedProductSales.objects.filter(month=month, day__isnull=False)
        insert_grouped(
            CreditedProductSales,
            days.annotate(compacted=no_day)
            .values("month", "compacted", "product_id", *credit_columns)
            .annotate(total_amount=Sum("sales_amount"), total_quantity=Sum("quantity")),
            {
                "month": "month",
                "day": "compacted",
                "product_id": "product_id",
                **{column: column for column in credit_columns},
                "sales_amount": "total_amount",
                "quantity": "total_quantity",
            },
        )
        days.delete()
        summarise_unit_months(month, next_month(month))
    return months


def _months_by_day(before: date) -> list[date]:
    """The months before `before` held by day, each found by its first day row after the
    last month found: a few probes of the day rows' index, where reading their distinct
    months read every day row of the months kept by day (a million at L, in every pass)."""
    months: list[date] = []
    after = date.min
    while True:
        held = CreditedProductSales.objects.filter(day__gte=after, day__lt=before)
        first_day = held.aggregate(first=Min("day"))["first"]
        if first_day is None:
            return months
        months.append(month_start(first_day))
        after = next_month(months[-1])


def refresh_credited(periods: Iterable[Period]) -> None:
    """After the days of these periods changed: the days in open months are summarised
    by day, a complete month containing any of them anew from the raw orders; then the
    months that are over are compacted, the departments' open months summed anew, and the
    months the windows start in are held by day again where they are not (after a late
    change to one, or after the month turned: the windows slid)."""
    opens, edges = first_open_month(), window_edges()
    complete: set[date] = set()
    changed_open: set[date] = set()
    for period in periods:
        for piece in period.buckets(Grain.MONTH):
            if piece.start >= opens:
                summarise_credited_days(piece)
                changed_open.add(month_start(piece.start))
            else:
                complete.add(month_start(piece.start))
    for month in sorted(complete):
        summarise_credited_months(month, next_month(month))
    compact_credited_months(opens, kept=edges)
    summarise_department_open_months(changed_open)
    rewritten = [month for month in sorted(edges) if not held_by_day(month)]
    for month in rewritten:
        # Its units' rows stay: the month's sums are the same by day.
        _credited_month_by_day(month)
    summarise_department_rests(rewritten)


def held_by_day(month: date) -> bool:
    """Whether a month's credited rows are by day (else one per key, or none). Asked of
    the day rows' own index: asked whether a compacted row exists, PostgreSQL expected
    one among the first it read and scanned the whole table for a month held by day."""
    return CreditedProductSales.objects.filter(day__gte=month, day__lt=next_month(month)).exists()


def _credited_month_by_day(month: date) -> None:
    """A complete month's credited rows anew by day, from the raw orders."""
    delete_rows(CreditedProductSales.objects.filter(month=month))
    summarise_credited_days(Period(month, next_month(month)))


def rebuild_credited(period: Period) -> tuple[date, date] | None:
    """CreditedProductSales for all the days of a period (after clearing it): complete
    months by month, open months by day. Each month is its own statement: a month's
    lines are read by their orders' ids and grouped in memory (all time at once spilled
    its grouping to disk: 154 s in a rebuild at L, 36 months 82 s); the months the
    windows start in by day. Answers the complete months written (the first and the end),
    whose units' rows are summed after, once the credited rows are indexed."""
    opens, edges = first_open_month(), window_edges()
    complete = None
    if period.start < opens:
        complete = month_start(period.start), min(opens, next_month(period.end - timedelta(days=1)))
        for month in Period(*complete).buckets(Grain.MONTH):
            if month.start in edges:
                summarise_credited_days(month)
            else:
                _credited_months(month.start, month.end)
    if period.end > opens:
        summarise_credited_days(Period(max(period.start, opens), period.end))
    return complete


def rebuild_units(first_month: date, end_month: date) -> None:
    """UnitProductSales and DepartmentProductSales of the complete months `[first_month,
    end_month)` from the credited rollup as it stands (rebuilt and indexed): month by
    month, each read by its month."""
    for month in Period(first_month, end_month).buckets(Grain.MONTH):
        _unit_months(month.start, month.end)
    summarise_unit_periods(first_month, end_month)
