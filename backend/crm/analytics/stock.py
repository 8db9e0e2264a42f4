"""Stock levels (METRICS.md, products and stock): the level at the end of a day is the
quantity of the latest snapshot before the day's end. `StockMonth` keeps complete months,
summarised in SQL; the days of a partial month are read from the snapshots and carried
forward by `daily_levels`."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Max, Q, Sum, Window
from django.db.models.functions import RowNumber, TruncDate

from crm.analytics.models import StockMonth
from crm.commerce.models import StockSnapshot
from crm.core.periods import Period, day_start, local_day, month_start, next_month, today


@dataclass
class StockTotals:
    """Σ end-of-day levels over the days with a known level, and their number."""

    level_sum: int = 0
    known_days: int = 0

    @property
    def average(self) -> Decimal | None:
        """平均库存数量; None when no day of the period has a known level."""
        if not self.known_days:
            return None
        return (Decimal(self.level_sum) / Decimal(self.known_days)).quantize(Decimal("0.01"))


def daily_levels(changes: list[tuple[date, int]], period: Period, opening: int | None) -> Iterator[tuple[date, int]]:
    """The end-of-day levels of the period's days, from the day's last snapshot quantity
    (`changes`: (day, quantity), ascending, one per day) and the level before the period
    (`opening`, None when unknown); days before the first known level are left out."""
    level, pending = opening, iter(changes)
    upcoming = next(pending, None)
    day = period.start
    while day < period.end:
        while upcoming is not None and upcoming[0] <= day:
            level = upcoming[1]
            upcoming = next(pending, None)
        if level is not None:
            yield day, level
        day += timedelta(days=1)


def _last_per_day(product_ids: list[int] | None, starts: date, ends: date) -> dict[int, list[tuple[date, int]]]:
    """Per product, the quantity of each day's last snapshot in `[starts, ends)`."""
    snapshots = StockSnapshot.objects.filter(as_of__gte=day_start(starts), as_of__lt=day_start(ends))
    if product_ids is not None:
        snapshots = snapshots.filter(product_id__in=product_ids)
    per_day: dict[int, dict[date, int]] = defaultdict(dict)
    for product_id, as_of, quantity in snapshots.order_by("product_id", "as_of").values_list(
        "product_id", "as_of", "quantity"
    ):
        per_day[product_id][local_day(as_of)] = quantity
    return {product_id: sorted(days.items()) for product_id, days in per_day.items()}


def _openings(product_ids: list[int] | None, month: date) -> dict[int, int]:
    """The level at the end of the day before a month: the previous month's closing when it
    is summarised, else the latest snapshot before the month."""
    closings = StockMonth.objects.filter(month=month_start(month - timedelta(days=1)))
    if product_ids is not None:
        closings = closings.filter(product_id__in=product_ids)
    openings = dict(closings.values_list("product_id", "closing_quantity"))
    snapshots = StockSnapshot.objects.filter(as_of__lt=day_start(month))
    if product_ids is not None:
        snapshots = snapshots.filter(product_id__in=[key for key in product_ids if key not in openings])
    elif openings:
        snapshots = snapshots.exclude(product_id__in=list(openings))
    latest = list(snapshots.values("product_id").annotate(at=Max("as_of")))
    condition = Q()
    for row in latest:
        condition |= Q(product_id=row["product_id"], as_of=row["at"])
    if latest:
        openings |= dict(StockSnapshot.objects.filter(condition).values_list("product_id", "quantity"))
    return openings


def month_levels(product_ids: list[int] | None, piece: Period) -> dict[int, list[tuple[date, int]]]:
    """Per product, the end-of-day levels of a piece of one month, read from the month's
    first day on (so that the opening is the previous month's closing)."""
    first = month_start(piece.start)
    changes = _last_per_day(product_ids, first, piece.end)
    openings = _openings(product_ids, first)
    levels = {}
    for product_id in set(changes) | set(openings):
        known = [
            (day, level)
            for day, level in daily_levels(
                changes.get(product_id, []), Period(first, piece.end), openings.get(product_id)
            )
            if day >= piece.start
        ]
        if known:
            levels[product_id] = known
    return levels


def stock_totals(period: Period, product_ids: Iterable[int] | None = None) -> dict[int, StockTotals]:
    """Per product, Σ end-of-day levels and known days over the period (days after today
    have no level yet and are left out)."""
    if period.start > today():
        return {}
    period = Period(period.start, min(period.end, today() + timedelta(days=1)))
    ids = list(product_ids) if product_ids is not None else None
    months, edges = period.split_by_months()
    summarised = [piece for piece in months if piece.end <= month_start(today())]
    edges += [piece for piece in months if piece not in summarised]
    totals: dict[int, StockTotals] = defaultdict(StockTotals)
    if summarised:
        rows = StockMonth.objects.filter(month__gte=summarised[0].start, month__lt=summarised[-1].end)
        if ids is not None:
            rows = rows.filter(product_id__in=ids)
        for row in rows.values("product_id").annotate(level=Sum("level_sum"), days=Sum("known_days")):
            totals[row["product_id"]].level_sum += row["level"]
            totals[row["product_id"]].known_days += row["days"]
    for piece in edges:
        for product_id, levels in month_levels(ids, piece).items():
            totals[product_id].level_sum += sum(level for _, level in levels)
            totals[product_id].known_days += len(levels)
    return dict(totals)


def summarise_stock_months(first_month: date, product_ids: Iterable[int] | None = None) -> int:
    """StockMonth of the complete months from `first_month` on (all products, or these), in
    one statement: each day's last count holds until the next counted day, and each such
    stretch adds its quantity × days to the months it spans. Returns rows written."""
    months = []
    month, last = first_month, month_start(today())
    while month < last:
        months.append((month, next_month(month)))
        month = next_month(month)
    ids = list(product_ids) if product_ids is not None else None
    with transaction.atomic():
        existing = StockMonth.objects.filter(month__gte=first_month)
        if ids is not None:
            existing = existing.filter(product_id__in=ids)
        existing.delete()
        if not months or ids == []:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(*_stock_months_sql(months, ids))
            return cursor.rowcount


def _stock_months_sql(months: list[tuple[date, date]], ids: list[int] | None) -> tuple[str, list[Any]]:
    """INSERT … SELECT of the StockMonth rows of these months (each `(month, next month)`)."""
    snapshots = StockSnapshot.objects.filter(as_of__lt=day_start(months[-1][1]))
    if ids is not None:
        snapshots = snapshots.filter(product_id__in=ids)
    last_of_day = Window(RowNumber(), partition_by=[F("product_id"), TruncDate("as_of")], order_by=[F("as_of").desc()])
    day_ends = (
        snapshots.annotate(counted_on=TruncDate("as_of"), latest=last_of_day)
        .filter(latest=1)
        .values("product_id", "counted_on", "quantity")
    )
    day_ends_sql, parameters = day_ends.order_by().query.sql_with_params()
    postgres = connection.vendor == "postgresql"
    as_date = "%s::date" if postgres else "%s"
    earlier, later = ("LEAST", "GREATEST") if postgres else ("MIN", "MAX")

    def days_between(start: str, end: str) -> str:
        if postgres:
            return f"({end} - {start})"
        return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"

    held = days_between(f"{later}(held.starts, months.month)", f"{earlier}(held.ends, months.next_month)")
    table = connection.ops.quote_name(StockMonth._meta.db_table)
    values = ", ".join(f"({as_date}, {as_date})" for _ in months)
    sql = f"""
        WITH months (month, next_month) AS (VALUES {values})
        INSERT INTO {table} (product_id, month, level_sum, known_days, closing_quantity)
        SELECT held.product_id, months.month, SUM(held.quantity * {held}), SUM({held}),
               MAX(CASE WHEN held.ends >= months.next_month THEN held.quantity END)
        FROM (
            SELECT day_ends.product_id, day_ends.counted_on AS starts, day_ends.quantity,
                   COALESCE(LEAD(day_ends.counted_on) OVER (
                       PARTITION BY day_ends.product_id ORDER BY day_ends.counted_on
                   ), {as_date}) AS ends
            FROM ({day_ends_sql}) day_ends
        ) held
        JOIN months ON held.starts < months.next_month AND held.ends > months.month
        GROUP BY held.product_id, months.month
    """
    month_parameters = [day.isoformat() for pair in months for day in pair]
    return sql, [*month_parameters, months[-1][1].isoformat(), *parameters]


def refresh_stock(changed_days: list[date]) -> None:
    """Stock counted on past days changes the months from then on, for those products;
    the first time a month is complete, it is summarised for every product."""
    current = month_start(today())
    past = [day for day in changed_days if day < current]
    if past:
        starts, ends = day_start(min(past)), day_start(max(past) + timedelta(days=1))
        products = StockSnapshot.objects.filter(as_of__gte=starts, as_of__lt=ends).values_list("product_id", flat=True)
        summarise_stock_months(month_start(min(past)), set(products))
    previous = month_start(current - timedelta(days=1))
    if (
        not StockMonth.objects.filter(month=previous).exists()
        and StockSnapshot.objects.filter(as_of__lt=day_start(current)).exists()
    ):
        summarise_stock_months(previous)
