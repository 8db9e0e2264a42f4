"""Product sales of a viewer who sees some units (a supervisor, a manager), over complete
calendar months, quarters and years: the units' own rows (UnitProductSales, a few
thousand products per unit and piece) instead of every rep's, and from the credited
rollup only the rows a unit in scope does not hold: those credited to a person in scope
while in a unit outside it (a rep who moved in) or to a department in scope under a group
outside it (a group moved away). Which of those there are is read from the sales rollup,
whose months list every (rep, group, department) credited with an order."""

from datetime import date
from typing import Any

from django.db.models import F, Max, Q, QuerySet

from crm.analytics.credit import credited_q
from crm.analytics.models import CreditedProductSales, SalesMonth, UnitProductSales
from crm.core.periods import Grain, Period, next_month
from crm.core.scope import ResolvedScope

# A piece the unit rows do not answer yet (its last month still held by day) is read by
# its parts: a year by its quarters, a quarter by its months.
_PARTS = {Grain.YEAR: Grain.QUARTER, Grain.QUARTER: Grain.MONTH}


def held_by_units(
    period: Period, scope: ResolvedScope, only: Q, *, by_month: bool
) -> tuple[list[QuerySet[Any]], set[date]]:
    """The rows (each dated by its piece's first day, as `date`) answering the period's
    complete months, quarters and years for a viewer who sees some units, and the months
    they answer; `by_month` reads every piece by month (a series by month)."""
    # Months are compacted in order, and their units' rows written then: those after the
    # last month with unit rows are not yet (a month held by day for a rolling window was
    # compacted before, and keeps its rows).
    last_held = UnitProductSales.objects.filter(grain=Grain.MONTH).aggregate(last=Max("start"))["last"]
    if last_held is None:
        return [], set()
    first_unheld = next_month(last_held)
    pieces: list[tuple[str, Period]] = []
    for grain, piece in period.calendar_pieces():
        if grain != Grain.DAY:
            pieces += _answered(Grain.MONTH if by_month else grain, piece, first_unheld)
    if not pieces:
        return [], set()
    months = {month.start for _, piece in pieces for month in piece.buckets(Grain.MONTH)}
    in_pieces = Q()
    for grain, piece in pieces:
        in_pieces |= Q(grain=grain, start=piece.start)
    units = UnitProductSales.objects.filter(in_pieces, only, unit_id__any_of=scope.department_ids)
    sources: list[QuerySet[Any]] = [units.annotate(date=F("start"))]
    first, end = min(months), max(piece.end for _, piece in pieces)
    unheld = _credited_outside_units(scope, first, end)
    if unheld is not None:
        rows = CreditedProductSales.objects.filter(unheld, only, month__in=months)
        sources.append(rows.annotate(date=F("month")))
    return sources, months


def _answered(grain: str, piece: Period, first_unheld: date) -> list[tuple[str, Period]]:
    """The piece, or its parts, whose months all have their units' rows (before the first
    month without); a month not compacted yet is left to the credited rollup."""
    if grain == Grain.MONTH:
        return [(grain, month) for month in piece.buckets(Grain.MONTH) if month.end <= first_unheld]
    if piece.end <= first_unheld:
        return [(grain, piece)]
    parts = _PARTS[grain]
    answered = []
    for part in piece.buckets(parts):  # whole parts: the piece is a whole year or quarter
        answered += _answered(parts, part, first_unheld)
    return answered


def _credited_outside_units(scope: ResolvedScope, first: date, end: date) -> Q | None:
    """The exact (rep, group, department) keys credited with sales in `[first, end)` that
    the viewer sees but no unit in scope holds; None when there are none."""
    held = Q(group_id__any_of=scope.department_ids) | Q(
        group_id__isnull=True, department_id__any_of=scope.department_ids
    )
    keys = (
        SalesMonth.objects.filter(credited_q(scope, None), month__gte=first, month__lt=end)
        .exclude(held)
        .values_list("rep_id", "group_id", "department_id")
        .distinct()
    )
    condition = None
    for rep, group, department in keys:
        key = Q(rep_id=rep) & _equal_or_null("group_id", group) & _equal_or_null("department_id", department)
        condition = key if condition is None else condition | key
    return condition


def _equal_or_null(column: str, value: int | None) -> Q:
    return Q(**{column: value}) if value is not None else Q(**{f"{column}__isnull": True})
