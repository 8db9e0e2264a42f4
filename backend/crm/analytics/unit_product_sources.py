"""Product sales of a viewer who sees some units (a supervisor, a manager), over complete
calendar months, quarters and years: the units' own rows instead of every rep's, and from
the credited rollup only the rows a unit in scope does not hold. A viewer whose scope holds
a department reads its departments' rows (DepartmentProductSales, decision 0017): what is
credited to a department in scope, its groups' sales included; anyone else their groups'
(UnitProductSales, decision 0008). What those rows leave out (a rep who moved in, a group
moved in from another department or away from this one) is read from the credited rollup
by its exact (rep, group, department) keys, which the sales rollup's months list. A
department's viewer also reads the rest of the month a rolling window starts in, and the
open months so far, from its departments' rows over those days."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F, Max, Min, Q, QuerySet

from crm.analytics.credit import credited_q
from crm.analytics.models import (
    CreditedProductSales,
    DepartmentProductSales,
    PieceProductFigures,
    SalesMonth,
    UnitProductSales,
)
from crm.analytics.product_rollups import MONTH_SO_FAR, REST_OF_MONTH, is_month_so_far, is_rest_of_month
from crm.core.periods import Grain, Period, month_start, next_month
from crm.core.scope import ResolvedScope
from crm.org.models import Department, DepartmentKind

# A piece the unit rows do not answer yet (its last month still held by day) is read by
# its parts: a year by its quarters, a quarter by its months.
_PARTS = {Grain.YEAR: Grain.QUARTER, Grain.QUARTER: Grain.MONTH}


@dataclass(frozen=True)
class UnitRows:
    """The rollup a viewer's units are read from, and the credited rows its rows of the
    viewer's units hold."""

    model: type[PieceProductFigures]
    held: Q


def unit_rows(scope: ResolvedScope) -> UnitRows:
    """The departments' rollup for a scope that holds a department (a manager's: its
    groups' sales are credited to it as well), else the units' (a supervisor's group)."""
    units = scope.department_ids
    if Department.objects.filter(id__any_of=units).exclude(kind=DepartmentKind.GROUP).exists():
        return UnitRows(DepartmentProductSales, Q(department_id__any_of=units))
    held = Q(group_id__any_of=units) | Q(group_id__isnull=True, department_id__any_of=units)
    return UnitRows(UnitProductSales, held)


def held_by_units(
    period: Period, scope: ResolvedScope, only: Q, *, by_month: bool
) -> tuple[list[QuerySet[Any]], set[date]]:
    """The rows (each dated by its piece's first day, as `date`) answering the period's
    complete months, quarters and years for a viewer who sees some units, and the months
    they answer; `by_month` reads every piece by month (a series by month)."""
    rollup = unit_rows(scope)
    # Months are compacted in order, and their units' rows written then: those after the
    # last month with unit rows are not yet (a month held by day for a rolling window was
    # compacted before, and keeps its rows); those before the first not since the rollup
    # was added, until the rebuild fills it.
    months_held = rollup.model.objects.filter(grain=Grain.MONTH).aggregate(first=Min("start"), last=Max("start"))
    if months_held["last"] is None:
        return [], set()
    held = Period(months_held["first"], next_month(months_held["last"]))
    pieces: list[tuple[str, Period]] = []
    for grain, piece in period.calendar_pieces():
        if grain != Grain.DAY:
            pieces += _answered(Grain.MONTH if by_month else grain, piece, held)
    if not pieces:
        return [], set()
    months = {month.start for _, piece in pieces for month in piece.buckets(Grain.MONTH)}
    in_pieces = Q()
    for grain, piece in pieces:
        in_pieces |= Q(grain=grain, start=piece.start)
    units = rollup.model.objects.filter(in_pieces, only, unit_id__any_of=scope.department_ids)
    sources: list[QuerySet[Any]] = [units.annotate(date=F("start"))]
    first, end = min(months), max(piece.end for _, piece in pieces)
    unheld = _credited_outside(scope, rollup.held, first, end)
    if unheld is not None:
        rows = CreditedProductSales.objects.filter(unheld, only, month__in=months)
        sources.append(rows.annotate(date=F("month")))
    return sources, months


def department_piece(piece: Period, scope: ResolvedScope, only: Q) -> list[QuerySet[Any]] | None:
    """The rows answering a run of days inside one month for a viewer whose scope holds a
    department, when its departments' rows over those days are written: the rest of the
    month from a window's first day, or an open month from its first day when no later day
    of it has sales; else None (read by day)."""
    if is_rest_of_month(piece):
        grain = REST_OF_MONTH
    elif is_month_so_far(piece):
        grain = MONTH_SO_FAR
    else:
        return None
    held = DepartmentProductSales.objects.filter(grain=grain, start=piece.start)
    if not held.exists() or (grain == MONTH_SO_FAR and _sold_after(piece)):
        return None
    rollup = unit_rows(scope)
    if rollup.model is not DepartmentProductSales:
        return None
    sources: list[QuerySet[Any]] = [held.filter(only, unit_id__any_of=scope.department_ids)]
    unheld = _credited_outside(scope, rollup.held, month_start(piece.start), piece.end)
    if unheld is not None:
        sources.append(CreditedProductSales.objects.filter(unheld, only, day__gte=piece.start, day__lt=piece.end))
    return sources


def _sold_after(piece: Period) -> bool:
    """Whether the month has sales on a day after the piece (an order dated ahead of the
    clock, or a run of days that stops before today)."""
    month_end = next_month(piece.start)
    return piece.end < month_end and CreditedProductSales.objects.filter(day__gte=piece.end, day__lt=month_end).exists()


def _answered(grain: str, piece: Period, held: Period) -> list[tuple[str, Period]]:
    """The piece, or its parts, whose months all have their units' rows (the months
    `held`); a month not compacted yet is left to the credited rollup."""
    if grain == Grain.MONTH:
        return [(grain, month) for month in piece.buckets(Grain.MONTH) if held.start <= month.start < held.end]
    if held.start <= piece.start and piece.end <= held.end:
        return [(grain, piece)]
    parts = _PARTS[grain]
    answered = []
    for part in piece.buckets(parts):  # whole parts: the piece is a whole year or quarter
        answered += _answered(parts, part, held)
    return answered


def _credited_outside(scope: ResolvedScope, held: Q, first: date, end: date) -> Q | None:
    """The exact (rep, group, department) keys credited with sales in `[first, end)` that
    the viewer sees but the rows of their units do not hold; None when there are none."""
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
