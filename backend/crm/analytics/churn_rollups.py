"""Keeping the churn rollups right (DESIGN.md rule 7): per business day and current owner,
the customers registered and the lapses begun and ended (`ChurnDay`), and the same per
month (`ChurnMonth`, summed from the days). A day is summarised anew when customers
registered on it, when the lapses re-summarised for new purchases began or ended on it,
and when a customer whose ownership changed has a fact on it."""

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, DateField, F, IntegerField, Max, Min, Q, QuerySet, Sum, Value
from django.db.models.functions import TruncDate, TruncMonth

from crm.analytics.models import ChurnDay, ChurnMonth, CustomerLapse
from crm.analytics.rollup_sql import delete_rows, insert_grouped, written_anew
from crm.core.periods import Grain, Period, consecutive_periods, local_day, month_start, next_month
from crm.customers.models import Customer, Ownership

_FIGURES = ("registered", "lapses_begun", "lapses_ended")


def _within(column: str, periods: list[Period]) -> Q:
    condition = Q()
    for period in periods:
        condition |= Q(**{f"{column}__gte": period.starts_at, f"{column}__lt": period.ends_at})
    return condition


def summarise_churn_days(periods: list[Period]) -> None:
    """ChurnDay for the days of these periods, from the customers and their lapses."""
    if not periods:
        return
    days = Q()
    for period in periods:
        days |= Q(day__gte=period.start, day__lt=period.end)
    delete_rows(ChurnDay.objects.filter(days))
    facts = [
        (Customer.objects.filter(_within("registered_at", periods)), "registered_at", "owner_id", "registered"),
        (CustomerLapse.objects.filter(_within("lost_at", periods)), "lost_at", "customer__owner_id", "lapses_begun"),
        (
            CustomerLapse.objects.filter(_within("returned_at", periods)),
            "returned_at",
            "customer__owner_id",
            "lapses_ended",
        ),
    ]
    zero = Value(0, output_field=IntegerField())
    for rows, moment, owner, figure in facts:
        others = {f"no_{name}": zero for name in _FIGURES if name != figure}
        insert_grouped(
            ChurnDay,
            rows.annotate(business_day=TruncDate(moment), holder=F(owner))
            .values("business_day", "holder")
            .annotate(facts=Count("pk"), **others),
            {
                "day": "business_day",
                "owner_id": "holder",
                **{name: "facts" if name == figure else f"no_{name}" for name in _FIGURES},
            },
        )


def summarise_churn_months(months: Iterable[date]) -> None:
    """ChurnMonth for these months (first days), from the days."""
    for month in sorted(set(months)):
        delete_rows(ChurnMonth.objects.filter(month=month))
        insert_grouped(
            ChurnMonth,
            ChurnDay.objects.filter(day__gte=month, day__lt=next_month(month))
            .annotate(calendar_month=TruncMonth("day", output_field=DateField()), holder=F("owner_id"))
            .values("calendar_month", "holder")
            .annotate(**{f"total_{name}": Sum(name) for name in _FIGURES}),
            {"month": "calendar_month", "owner_id": "holder", **{name: f"total_{name}" for name in _FIGURES}},
        )


def lapse_days(customer_ids: Iterable[int] | QuerySet[Any]) -> set[date]:
    """The business days the lapses of these customers begin and end on."""
    lapses = CustomerLapse.objects.filter(customer_id__in=customer_ids)
    days = set()
    for lost_at, returned_at in lapses.values_list("lost_at", "returned_at"):
        days.add(local_day(lost_at))
        if returned_at is not None:
            days.add(local_day(returned_at))
    return days


def customers_with_owner_changes(ownership_days: Iterable[date]) -> QuerySet[Any] | None:
    """The ids of the customers whose ownership started or ended on these days (None: no days)."""
    periods = consecutive_periods(ownership_days)
    if not periods:
        return None
    changed = Ownership.objects.filter(_within("started_at", periods) | _within("ended_at", periods))
    return changed.values_list("customer_id", flat=True)


def days_of_owner_changes(customers: QuerySet[Any] | None) -> set[date]:
    """The days holding a churn fact of any of these customers, whose owner changed: those
    facts now belong to another owner's rows."""
    if customers is None:
        return set()
    days = lapse_days(customers)
    registered = Customer.objects.filter(id__in=customers).values_list("registered_at", flat=True)
    days.update(local_day(at) for at in registered if at is not None)
    return days


def refresh_churn(days: set[date]) -> None:
    """After the facts of these days changed: the days, then their months."""
    summarise_churn_days(consecutive_periods(days))
    summarise_churn_months(month_start(day) for day in days)


def rebuild_churn() -> None:
    """ChurnDay (written anew) and ChurnMonth for all time, in one transaction."""
    registrations = Customer.objects.aggregate(first=Min("registered_at"), last=Max("registered_at"))
    lapses = CustomerLapse.objects.aggregate(first=Min("lost_at"), last=Max("lost_at"), ended=Max("returned_at"))
    moments = [moment for moment in [*registrations.values(), *lapses.values()] if moment is not None]
    if not moments:
        return
    everything = Period(local_day(min(moments)), local_day(max(moments)) + timedelta(days=1))
    with transaction.atomic():
        with written_anew(ChurnDay):
            summarise_churn_days([everything])
        ChurnMonth.objects.all().delete()
        summarise_churn_months(month_start(piece.start) for piece in everything.buckets(Grain.MONTH))
