"""客户构成 (customer composition): the customers a viewer may see now, registered before a
time, by pharmacy type and by province. Kept by current owner (DESIGN.md rule 7): the
customers registered in each month (`CompositionMonth`), counted anew from the customers
when someone registered in it, when a customer registered in it changed owner, pharmacy
type or province (the `registration` mark on its registration day), and by a rebuild; and
the customers registered before each month (`CompositionBeforeMonth`, up to the month after
this one), summed again from the months for every month after one that changed."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, DateField, F, Max, Min, QuerySet, Sum, Value
from django.db.models.functions import TruncMonth

from crm.analytics.metrics import owned_now_q
from crm.analytics.models import CompositionBeforeMonth, CompositionMonth
from crm.analytics.rollup_sql import delete_rows, insert_grouped, written_anew
from crm.core.periods import day_start, local_day, month_start, next_month, today
from crm.core.scope import ResolvedScope
from crm.customers.models import Customer

_KEYS = {"owner_id": "holder", "pharmacy_type": "kind", "province": "region"}


def _keyed(rows: QuerySet[Any]) -> QuerySet[Any]:
    return rows.annotate(holder=F("owner_id"), kind=F("pharmacy_type"), region=F("province"))


def summarise_composition(months: Iterable[date]) -> None:
    """Both rollups after the registrations of these months (first days) changed."""
    months = sorted(set(months))
    if not months:
        return
    delete_rows(CompositionMonth.objects.filter(month__in=months))
    for month in months:
        _summarise_months(
            Customer.objects.filter(registered_at__gte=day_start(month), registered_at__lt=day_start(next_month(month)))
        )
    _summarise_before(months[0])


def _summarise_months(customers: QuerySet[Any]) -> None:
    insert_grouped(
        CompositionMonth,
        _keyed(customers.annotate(registered_month=TruncMonth("registered_at", output_field=DateField())))
        .values("registered_month", *_KEYS.values())
        .annotate(registered=Count("id")),
        {"month": "registered_month", **_KEYS, "customers": "registered"},
    )


def _summarise_before(changed: date | None) -> None:
    """CompositionBeforeMonth of every month after `changed` (a first day; None: all), up to
    the month after this one, from the months."""
    first = CompositionMonth.objects.aggregate(first=Min("month"))["first"]
    if first is None:
        return
    month = next_month(max(changed or first, first))
    last = next_month(max(month_start(today()), CompositionMonth.objects.aggregate(last=Max("month"))["last"]))
    delete_rows(CompositionBeforeMonth.objects.filter(month__gte=month))
    while month <= last:
        insert_grouped(
            CompositionBeforeMonth,
            _keyed(CompositionMonth.objects.filter(month__lt=month).annotate(before=Value(month, DateField())))
            .values("before", *_KEYS.values())
            .annotate(registered=Sum("customers")),
            {"month": "before", **_KEYS, "customers": "registered"},
        )
        month = next_month(month)


def registration_months(customers: QuerySet[Any] | Iterable[int]) -> set[date]:
    """The months these customers registered in."""
    registered = Customer.objects.filter(id__in=customers, registered_at__isnull=False)
    return {month_start(local_day(at)) for at in registered.values_list("registered_at", flat=True) if at is not None}


def rebuild_composition() -> None:
    with transaction.atomic():
        with written_anew(CompositionMonth):
            _summarise_months(Customer.objects.filter(registered_at__isnull=False))
        with written_anew(CompositionBeforeMonth):
            _summarise_before(None)


def customer_composition(*, scope: ResolvedScope, registered_before: datetime) -> dict[str, list[dict[str, Any]]]:
    """The customers the viewer may see, registered before a time, by pharmacy type and by
    province: those before its month from the rollup (the latest month summed, for a time
    beyond it), those of its month from the customers."""
    month = month_start(local_day(registered_before))
    summed = CompositionBeforeMonth.objects.filter(month__lte=month).aggregate(last=Max("month"))["last"]
    recent = Customer.objects.within(scope).filter(registered_at__lt=registered_before)
    counted: dict[str, dict[str, int]] = {"pharmacy_type": defaultdict(int), "province": defaultdict(int)}
    for column, counts in counted.items():
        if summed is not None:
            rows = CompositionBeforeMonth.objects.filter(owned_now_q(scope), month=summed)
            for key, customers in rows.values_list(column).annotate(total=Sum("customers")).order_by():
                counts[key] += customers
        if summed is None or registered_before > day_start(summed):
            since = recent.filter(registered_at__gte=day_start(summed)) if summed is not None else recent
            for key, customers in since.values_list(column).annotate(total=Count("id")).order_by():
                counts[key] += customers
    return {"by_pharmacy_type": _ordered(counted["pharmacy_type"]), "by_province": _ordered(counted["province"])}


def _ordered(counts: dict[str, int]) -> list[dict[str, Any]]:
    rows = sorted(((key, total) for key, total in counts.items() if total), key=lambda row: (-row[1], row[0]))
    return [{"key": key, "customers": total} for key, total in rows]
