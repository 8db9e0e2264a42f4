"""Marking the business days whose facts changed, for the statistics to re-aggregate."""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.utils import timezone

from crm.core.models import ChangedDay
from crm.core.periods import local_day

ORDERS = "orders"
DEVELOPMENT = "development"
STOCK = "stock"
# Churn is counted by the customer's current owner: a day on which ownerships started or
# ended moves those customers' churn facts, and a day a customer registered gains one.
OWNERSHIP = "ownership"
REGISTRATION = "registration"


def mark_days_changed(*, subject: str, days: Iterable[date]) -> None:
    """Raise the version of each day's mark (creating it). One statement for all the days;
    PostgreSQL and SQLite both run this upsert, and the sorted days lock in one order."""
    distinct = sorted(set(days))
    if not distinct:
        return
    table = ChangedDay._meta.db_table
    now = timezone.now()
    rows = ", ".join(["(%s, %s, 1, %s)"] * len(distinct))
    parameters: list[Any] = []
    for day in distinct:
        parameters += [subject, day, now]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (subject, day, version, changed_at) VALUES {rows} "
            f"ON CONFLICT (subject, day) DO UPDATE SET version = {table}.version + 1, changed_at = excluded.changed_at",
            parameters,
        )


def mark_times_changed(*, subject: str, times: Iterable[datetime | None]) -> None:
    """The same, for the business days of some moments (None is left out)."""
    mark_days_changed(subject=subject, days=[local_day(at) for at in times if at is not None])
