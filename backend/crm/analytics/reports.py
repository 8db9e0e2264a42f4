"""部门业绩分析报告: what a report on a unit over a period says, composed from the metrics
under the author's scope: the headline figures against the previous period, the series,
the unit's groups and people side by side, and the main changes (the reps, products and
customers whose sales moved most). Kept as plain JSON in the report."""

from decimal import Decimal
from typing import Any

from crm.analytics import customer_figures, metrics, selectors
from crm.analytics.credit import Narrowing
from crm.analytics.product_figures import product_totals
from crm.core.money import money
from crm.core.periods import Grain, Period
from crm.core.scope import ResolvedScope
from crm.org.models import Department, DepartmentKind

HEADLINES = ["sales_amount", "sales_order_count", "order_count", "cancelled_count", "developed", "converted"]
DRIVERS_SHOWN = 5


def report_grain(period: Period) -> str:
    if period.days <= 31:
        return Grain.DAY
    if period.days <= 93:
        return Grain.WEEK
    return Grain.MONTH


def _change(current: Any, previous: Any, *, amount: bool = True) -> dict[str, Any]:
    """A figure now and before, the change and its rate (None when there was nothing
    before); amounts in yuan with two places, counts whole."""
    exact = money if amount else (lambda value: Decimal(int(value or 0)))
    now, before = exact(current), exact(previous)
    rate = ((now - before) / before).quantize(Decimal("0.0001")) if before else None
    return {"current": str(now), "previous": str(before), "change": str(now - before), "rate": _text(rate)}


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _drivers(current: dict[Any, Decimal], previous: dict[Any, Decimal], names: dict[Any, str]) -> list[dict[str, Any]]:
    """The subjects whose sales moved most between the periods, either way."""
    keys = (set(current) | set(previous)) - {None}
    moves = {key: current.get(key, Decimal("0")) - previous.get(key, Decimal("0")) for key in keys}
    biggest = sorted((key for key in moves if moves[key]), key=lambda key: (-abs(moves[key]), key))[:DRIVERS_SHOWN]
    return [
        {
            "id": key,
            "name": names.get(key, ""),
            **_change(current.get(key, Decimal("0")), previous.get(key, Decimal("0"))),
        }
        for key in biggest
    ]


def unit_narrowing(unit: Department) -> Narrowing:
    return Narrowing(group=unit.id) if unit.kind == DepartmentKind.GROUP else Narrowing(department=unit.id)


def compose_report(unit: Department, period: Period, *, scope: ResolvedScope) -> dict[str, Any]:
    narrowing = unit_narrowing(unit)
    previous = period.previous()
    grain = report_grain(period)
    performance = selectors.performance(period, grain, scope=scope, narrowing=narrowing)
    where = narrowing.credited_q()
    reps_now = metrics.sales_totals(period, scope=scope, by="rep", where=where)
    reps_before = metrics.sales_totals(previous, scope=scope, by="rep", where=where)
    products_now = product_totals(period, scope=scope, narrowing=narrowing)
    products_before = product_totals(previous, scope=scope, narrowing=narrowing)
    customers_now = customer_figures.customer_values(period, scope=scope, where=where)
    customers_before = customer_figures.customer_values(previous, scope=scope, where=where)

    def amounts(totals: dict[Any, Any]) -> dict[Any, Decimal]:
        return {key: value.sales_amount for key, value in totals.items()}

    rep_ids = set(reps_now) | set(reps_before)
    product_ids = set(products_now) | set(products_before)
    customer_ids = set(customers_now) | set(customers_before)
    breakdown_by = "rep" if unit.kind == DepartmentKind.GROUP else "group"
    return {
        "unit": {"id": unit.id, "name": unit.name, "kind": unit.kind},
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "previous_period": {"start": previous.start.isoformat(), "end": previous.end.isoformat()},
        "grain": grain,
        "headlines": {
            name: _change(
                performance["totals"][name], performance["previous_totals"][name], amount=name == "sales_amount"
            )
            for name in HEADLINES
        },
        "conversion_rate": {
            "current": _text(performance["totals"]["conversion_rate"]),
            "previous": _text(performance["previous_totals"]["conversion_rate"]),
        },
        "series": [
            {
                "start": point["start"].isoformat(),
                "sales_amount": str(point["sales_amount"]),
                "order_count": point["order_count"],
            }
            for point in performance["series"]
        ],
        "breakdown_by": breakdown_by,
        "breakdown": [
            {
                "name": row["name"],
                "rank": row["rank"],
                "sales_amount": str(row["sales_amount"]),
                "sales_order_count": row["sales_order_count"],
                "developed": row["developed"],
                "converted": row["converted"],
            }
            for row in selectors.breakdown(period, breakdown_by, scope=scope, narrowing=narrowing)
        ],
        "drivers": {
            "reps": _drivers(amounts(reps_now), amounts(reps_before), selectors.subject_names("rep", rep_ids)),
            "products": _drivers(
                amounts(products_now), amounts(products_before), selectors.subject_names("product", product_ids)
            ),
            "customers": _drivers(
                amounts(customers_now), amounts(customers_before), selectors.subject_names("customer", customer_ids)
            ),
        },
    }
