"""Applying stored mall events, oldest event time first, through the domain services.
Out-of-order and repeated deliveries converge to the in-order state: handlers are
idempotent, fields keep their newest value, and an event that refers to a record not yet
received waits (parked) until that record arrives."""

import json
import logging
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from huey.exceptions import TaskLockedException

from crm.sync.handlers import HANDLERS, Known, Waiting
from crm.sync.inbox import reveal
from crm.sync.models import EventStatus, MallEvent
from crm.sync.validation import ValidEvent, validated_event

logger = logging.getLogger(__name__)
BATCH_SIZE = 500
COMMIT_EVERY = 20
# Not the payload: rewriting it would cost more than applying the event.
_FATE_FIELDS = ["status", "waits_for", "errors", "warnings", "applied_at", "status_changed_at", "attempts"]
APPLIER_LOCK = "apply-mall-events"


def apply_while_pending() -> int:
    """Apply pending events, one applier at a time across all hosts (a Huey lock, in
    Redis in production). A caller that finds the applier busy leaves: the busy one looks
    for pending events again after letting go of the lock, so events stored meanwhile
    are never left waiting."""
    handled = 0
    while True:
        try:
            with HUEY.lock_task(APPLIER_LOCK):
                handled += apply_pending_events()
        except TaskLockedException:
            return handled
        if not MallEvent.objects.filter(status=EventStatus.PENDING).exists():
            return handled


def apply_pending_events(*, limit: int | None = None) -> int:
    """Apply what waits, including what each application releases. Returns how many
    events were looked at."""
    handled = 0
    while limit is None or handled < limit:
        size = BATCH_SIZE if limit is None else min(BATCH_SIZE, limit - handled)
        batch = list(MallEvent.objects.filter(status=EventStatus.PENDING).order_by("effective_at", "id")[:size])
        if not batch:
            break
        for start in range(0, len(batch), COMMIT_EVERY):
            _apply_chunk(batch[start : start + COMMIT_EVERY])
        handled += len(batch)
    return handled


def _apply_chunk(events: list[MallEvent]) -> None:
    """Apply a few dozen events in one transaction: fewer commits (each an fsync), and the
    webhook gets the write lock between chunks. Handlers raise `Waiting` before writing
    anything, so parking needs no savepoint; only an unexpected failure does: then the
    chunk is rolled back and applied again one event at a time, each in its savepoint.
    Parked events are released after the fates are written, so an event parked early in
    the chunk on a record made later in it is released too."""
    released: set[str] = set()
    try:
        with transaction.atomic():
            now = timezone.now()
            valid_events = [validated_event(reveal(event.payload)) for event in events]
            known = Known(valid_events)
            for event, valid in zip(events, valid_events, strict=True):
                released.update(_apply_without_savepoint(event, valid, known, now))
            _write_fates(events)
            _release(released, now)
    except Exception:  # one event failed: find it without losing the others
        for event in MallEvent.objects.filter(id__in=[event.id for event in events]).order_by("effective_at", "id"):
            with transaction.atomic():
                apply_event(event)


def _apply_without_savepoint(event: MallEvent, valid: ValidEvent, known: Known, now: datetime) -> list[str]:
    event.attempts += 1
    warnings = list(event.warnings)
    try:
        released = HANDLERS[valid.type](valid, warnings, known)
    except Waiting as waiting:
        event.status, event.waits_for, event.status_changed_at = EventStatus.PARKED, waiting.key, now
        return []
    event.status, event.waits_for, event.errors, event.applied_at = EventStatus.APPLIED, "", {}, now
    event.warnings, event.status_changed_at = warnings, now
    return released


def _write_fates(events: list[MallEvent]) -> None:
    # Most events of a chunk share their fate: one UPDATE per distinct fate is far
    # cheaper than `bulk_update`'s CASE per row and field.
    groups: dict[str, tuple[dict[str, Any], list[int]]] = {}
    for event in events:
        fate = {field: getattr(event, field) for field in _FATE_FIELDS}
        key = json.dumps(fate, sort_keys=True, default=str, ensure_ascii=False)
        groups.setdefault(key, (fate, []))[1].append(event.id)
    for fate, ids in groups.values():
        MallEvent.objects.filter(id__in=ids).update(**fate)


def _release(keys: set[str], now: datetime) -> None:
    if keys:
        MallEvent.objects.filter(status=EventStatus.PARKED, waits_for__in=keys).update(
            status=EventStatus.PENDING, status_changed_at=now
        )


def apply_event(event: MallEvent) -> None:
    """Apply one event in its own savepoint, recording its fate whatever happens."""
    now = timezone.now()
    event.attempts += 1
    warnings = list(event.warnings)
    try:
        with transaction.atomic():
            valid = validated_event(reveal(event.payload))
            released = HANDLERS[valid.type](valid, warnings, Known())
            event.status, event.waits_for, event.errors, event.applied_at = EventStatus.APPLIED, "", {}, now
            event.warnings, event.status_changed_at = warnings, now
            event.save(update_fields=_FATE_FIELDS)
            _release(set(released), now)
    except Waiting as waiting:
        event.status, event.waits_for, event.status_changed_at = EventStatus.PARKED, waiting.key, now
        event.save(update_fields=["status", "waits_for", "status_changed_at", "attempts"])
    except Exception as error:  # a failure of one event must not stop the others
        logger.exception("mall event %s failed to apply", event.event_id)
        event.status, event.errors, event.status_changed_at = EventStatus.FAILED, {"apply": [str(error)]}, now
        event.save(update_fields=["status", "errors", "status_changed_at", "attempts"])
