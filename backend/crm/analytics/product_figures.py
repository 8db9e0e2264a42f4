"""Product sales (METRICS.md, products and stock): a product's or category's sales amount
(Σ item amount of counted orders paid in the period) and sales quantity, and inventory
turnover. A viewer who sees the whole company, without narrowing, reads the company's
product rollups by calendar year, quarter, month and day; anyone else reads the sales
credited to the reps and units they see: their units' or departments' rows by complete
month, quarter and year (and, for departments, the rest of the month a rolling window
starts in and the open months so far), the credited rollup's by month and by day in the
months it keeps so (the open ones, those the rolling windows start in), the days around
whole months of another complete month from the raw orders paid then."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import TruncDate

from crm.analytics.credit import ORDER_ITEM, Narrowing, credited_q
from crm.analytics.metrics import series_rows
from crm.analytics.models import CreditedProductSales, ProductSalesDay, ProductSalesMonth, ProductSalesPeriod
from crm.analytics.product_rollups import held_by_day, items_paid
from crm.analytics.rollup_sql import price_random_reads_as_ssd
from crm.analytics.unit_product_sources import department_piece, held_by_units
from crm.core.money import ZERO, money
from crm.core.periods import Grain, Period, bucket_start, month_start, next_month
from crm.core.scope import ResolvedScope


@dataclass
class ProductTotals:
    """A product's (or category's) sales amount (Σ item amount) and sales quantity (销售数量)."""

    sales_amount: Decimal = ZERO
    quantity: int = 0

    def add(self, row: dict[str, Any]) -> None:
        self.sales_amount += money(row["amount"])  # two-place sums of two-place amounts stay exact
        self.quantity += row["sold"] or 0


_ROLLUP_SUMS = {"amount": Sum("sales_amount"), "sold": Sum("quantity")}
_ITEM_SUMS = {"amount": Sum("amount"), "sold": Sum("quantity")}


def company_sources(period: Period, only: Q) -> list[QuerySet[Any]]:
    """The company's product rows of a period, by its calendar pieces: whole years and
    quarters from ProductSalesPeriod, whole months from ProductSalesMonth, other days
    from ProductSalesDay; each row's figures as `signed_amount` and `signed_quantity`,
    negative for days taken away from a month (`_company_days`)."""
    sources: list[QuerySet[Any]] = []
    for grain, piece in period.calendar_pieces():
        if grain == Grain.DAY:
            sources += _company_days(piece, only)
        elif grain == Grain.MONTH:
            sources.append(_signed(ProductSalesMonth.objects.filter(only, month=piece.start)))
        else:
            sources.append(_signed(ProductSalesPeriod.objects.filter(only, grain=grain, start=piece.start)))
    return sources


def _company_days(piece: Period, only: Q) -> list[QuerySet[Any]]:
    """A run of days inside one month: their daily rows, or, when they are most of the
    month, the month's rows less its other days' (the first month of 近12个月 is often 23
    days of 31: 66,000 day rows taken away rather than 207,000 added, at L)."""
    month = Period(month_start(piece.start), next_month(piece.start))
    if piece.days * 2 <= month.days:
        return [_signed(ProductSalesDay.objects.filter(only, day__gte=piece.start, day__lt=piece.end))]
    sources = [_signed(ProductSalesMonth.objects.filter(only, month=month.start))]
    for first, end in ((month.start, piece.start), (piece.end, month.end)):
        if first < end:
            days = ProductSalesDay.objects.filter(only, day__gte=first, day__lt=end)
            sources.append(_signed(days, taken_away=True))
    return sources


def _signed(rows: QuerySet[Any], *, taken_away: bool = False) -> QuerySet[Any]:
    if taken_away:
        return rows.annotate(signed_amount=-F("sales_amount"), signed_quantity=-F("quantity"))
    return rows.annotate(signed_amount=F("sales_amount"), signed_quantity=F("quantity"))


def _whole_company(scope: ResolvedScope, narrowing: Narrowing | None) -> bool:
    return scope.everything and not narrowing


def _credited_rows(
    period: Period, scope: ResolvedScope, narrowing: Narrowing | None, only: Q, keys: list[str], *, by: str | None
) -> list[dict[str, Any]]:
    """Sums over the period for a narrower viewer, grouped by `keys` and, with `by`
    ("day" or "month"), by the day or the month each falls on (as `date`)."""
    with transaction.atomic():
        trust_clustering()
        return _read_credited(period, scope, narrowing, only, keys, by=by)


def trust_clustering() -> None:
    """The credited rollup is written clustered by department, group and rep, so a scope's
    rows lie together; PostgreSQL's default cost of a random page read (4, for spinning
    disks) still prices the three index scans above a sequential scan of the whole table
    (1.2 s against 0.1 s for a supervisor)."""
    price_random_reads_as_ssd()


def _read_credited(
    period: Period, scope: ResolvedScope, narrowing: Narrowing | None, only: Q, keys: list[str], *, by: str | None
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for grouped_rows, dated in credited_sources(period, scope, narrowing, only, keys, by=by):
        piece_rows = [dict(row) for row in grouped_rows]
        if dated is not None:  # the piece lies in one month
            for row in piece_rows:
                row["date"] = dated
        rows += piece_rows
    return rows


def credited_sources(
    period: Period, scope: ResolvedScope, narrowing: Narrowing | None, only: Q, keys: list[str], *, by: str | None
) -> list[tuple[QuerySet[Any], date | None]]:
    """The grouped queries whose rows answer a narrower viewer's period: for a viewer who
    sees some units, without a narrowing, the complete months, quarters and years from the
    units' rows (and what no unit in scope holds; a rep's own rows are fewer read straight
    from the credited rollup), and for one whose scope holds a department the rest of the
    month a window starts in and the open months so far from its departments' rows; other
    whole months from the credited rollup's months, the other pieces from its days in
    months kept by day and from the raw orders in others; each with the month its rows are
    dated by when a series by month reads a piece of one (else None)."""
    credited = CreditedProductSales.objects.filter(credited_q(scope, narrowing), only)
    pieces = list(period.buckets(Grain.MONTH))
    whole_months = [
        piece.start for piece in pieces if by != "day" and piece.start.day == 1 and piece.end == next_month(piece.start)
    ]
    sources: list[tuple[QuerySet[Any], date | None]] = []
    answered: set[date] = set()
    if whole_months and not narrowing and scope.department_ids:
        by_units, answered = held_by_units(period, scope, only, by_month=by == "month")
        sources += [(_grouped(rows, keys, by == "month", _ROLLUP_SUMS), None) for rows in by_units]
    whole_months = [month for month in whole_months if month not in answered]
    departments = by != "day" and not narrowing and scope.department_ids
    for piece in pieces:
        if piece.start in answered:
            continue
        dated = piece.start if by == "month" else None
        held = department_piece(piece, scope, only) if departments else None
        if held is not None:
            sources += [(_grouped(rows, keys, False, _ROLLUP_SUMS), dated) for rows in held]
            if piece.start in whole_months:
                whole_months.remove(piece.start)
            continue
        if piece.start in whole_months:
            continue
        month = month_start(piece.start)
        if held_by_day(month):
            # By the days alone: with the month, PostgreSQL read all the month's day rows.
            on_days = credited.filter(day__gte=piece.start, day__lt=piece.end)
            piece_rows = _grouped(on_days.annotate(date=F("day")), keys, by == "day", _ROLLUP_SUMS)
        else:
            paid = items_paid(piece.start, piece.end).filter(credited_q(scope, narrowing, ORDER_ITEM), only)
            piece_rows = _grouped(paid.annotate(date=TruncDate("order__paid_at")), keys, by == "day", _ITEM_SUMS)
        sources.append((piece_rows, dated))
    if whole_months:
        in_months = credited.filter(month__in=whole_months)
        sources.append(
            (
                _grouped(in_months.annotate(date=F("month")) if by else in_months, keys, by == "month", _ROLLUP_SUMS),
                None,
            )
        )
    return sources


def _grouped(rows: QuerySet[Any], keys: list[str], dated: bool, sums: dict[str, Any]) -> QuerySet[Any]:
    """Sums per key, and per day or month (as `date`) when `dated`: a series, or totals by
    product or category, always group by something."""
    return rows.values(*keys, *(["date"] if dated else [])).annotate(**sums)


def product_totals(
    period: Period,
    *,
    scope: ResolvedScope,
    by: str = "product",
    narrowing: Narrowing | None = None,
    only: Q | None = None,
) -> dict[int | None, ProductTotals]:
    """Per product, or per category (the product's current one) with `by="category"`;
    `only` keeps some products (`product_id`, `product__category_id`)."""
    column = "product_id" if by == "product" else "product__category_id"
    only = only or Q()
    if _whole_company(scope, narrowing):
        rows = [
            dict(row)
            for source in company_sources(period, only)
            for row in source.values(column).annotate(amount=Sum("signed_amount"), sold=Sum("signed_quantity"))
        ]
    else:
        rows = _credited_rows(period, scope, narrowing, only, [column], by=None)
    totals: dict[int | None, ProductTotals] = defaultdict(ProductTotals)
    for row in rows:
        totals[row[column]].add(row)
    # A product sold only on the days taken away from a month nets to nothing: not sold.
    return {key: total for key, total in totals.items() if total.sales_amount or total.quantity}


def product_series(
    period: Period,
    grain: str,
    *,
    scope: ResolvedScope,
    narrowing: Narrowing | None = None,
    only: Q | None = None,
) -> list[tuple[Period, ProductTotals]]:
    """Sales per bucket of a grain (of some products, through `only`)."""
    only = only or Q()
    buckets = list(period.buckets(grain))
    totals = {bucket.start: ProductTotals() for bucket in buckets}
    if _whole_company(scope, narrowing):
        daily, monthly = ProductSalesDay.objects.filter(only), ProductSalesMonth.objects.filter(only)
        dated = series_rows(period, grain, daily, monthly, _ROLLUP_SUMS)
    else:
        by = "day" if grain in (Grain.DAY, Grain.WEEK) else "month"
        rows = _credited_rows(period, scope, narrowing, only, [], by=by)
        dated = [(max(bucket_start(row["date"], grain), period.start), row) for row in rows]
    for start, row in dated:
        totals[start].add(row)
    return [(bucket, totals[bucket.start]) for bucket in buckets]


def inventory_turnover(quantity: int, average_stock: Decimal | None) -> Decimal | None:
    """库存周转率 = sales quantity / average stock; None ("—") when average stock is 0 or unknown."""
    if not average_stock:
        return None
    return (Decimal(quantity) / average_stock).quantize(Decimal("0.0001"))
