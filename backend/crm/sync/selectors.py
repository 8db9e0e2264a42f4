"""Reading the state of the connector."""

from typing import Any

from django.db.models import Count

from crm.sync.models import EventStatus, MallEvent


def backlog() -> dict[str, Any]:
    """How many events wait to be applied (pending, parked), and how many need an admin
    (rejected, failed)."""
    counts = dict(
        MallEvent.objects.exclude(status=EventStatus.APPLIED)
        .values_list("status")
        .annotate(number=Count("id"))
        .values_list("status", "number")
    )
    return {status.value: counts.get(status.value, 0) for status in EventStatus if status != EventStatus.APPLIED}
