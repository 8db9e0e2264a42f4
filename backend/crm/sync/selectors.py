"""Reading the state of the connector."""

from datetime import timedelta
from typing import Any

from django.db.models import Count
from django.utils import timezone

from crm.dictionary.selectors import get_integer_parameter
from crm.sync.models import EventStatus, MallEvent, SyncRun, SyncRunKind, SyncRunOutcome


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


def alerts() -> dict[str, Any]:
    """What an admin should look at: events parked longer than the configured time,
    events rejected or failed, and sync runs that failed in the last day."""
    now = timezone.now()
    limit = get_integer_parameter("sync_parked_alert_minutes")
    parked_too_long = MallEvent.objects.filter(
        status=EventStatus.PARKED, status_changed_at__lt=now - timedelta(minutes=limit)
    )
    oldest = parked_too_long.order_by("status_changed_at").values_list("status_changed_at", flat=True).first()
    failed_runs = SyncRun.objects.filter(outcome=SyncRunOutcome.FAILED, started_at__gte=now - timedelta(days=1))
    last_pull = (
        SyncRun.objects.filter(kind__in=[SyncRunKind.PULL, SyncRunKind.BACKFILL]).order_by("-started_at").first()
    )
    return {
        "parked_alert_minutes": limit,
        "parked_too_long": parked_too_long.count(),
        "oldest_parked_since": oldest,
        "failed_runs_last_day": failed_runs.count(),
        "last_pull": last_pull,
    }
