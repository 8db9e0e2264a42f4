"""Writing the connector's records: logging webhook deliveries, and what admins do
(correct a rejected event, replay an event, start a pull), each audited without the
event's content, which may be sensitive."""

import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from crm.audit.services import record_audit_event
from crm.core.errors import Conflict, ValidationFailed
from crm.core.masking import mask_customer_fields
from crm.sync.inbox import SENSITIVE_FIELDS, EventResult, digest, protect, receive_events, reveal
from crm.sync.models import EventStatus, MallEvent, SyncRun, SyncRunKind, SyncRunOutcome
from crm.sync.pull import mall_export_configured
from crm.sync.tasks import apply_mall_events, pull_from_mall_task
from crm.sync.validation import validate_event


def _accepted_twin_exists(event: MallEvent) -> bool:
    return (
        MallEvent.objects.filter(event_id=event.event_id)
        .exclude(status=EventStatus.REJECTED)
        .exclude(id=event.id)
        .exists()
    )


def _unmask(payload: Any, original: Any, actor: Any) -> Any:
    """The correction with every sensitive value the admin saw masked and left as it was
    put back to the original: a mask must never become the customer's phone number."""
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), dict):
        return payload
    original_data = original.get("data") if isinstance(original, dict) else None
    if not isinstance(original_data, dict):
        return payload
    shown = mask_customer_fields(original_data, actor.field_permission_codes())
    data = dict(payload["data"])
    for name in SENSITIVE_FIELDS:
        if name in data and data[name] == shown.get(name) and shown.get(name) != original_data.get(name):
            data[name] = original_data[name]
    return {**payload, "data": data}


def _revalidate(event: MallEvent, content: Any) -> None:
    """Validate the event's content again: valid, it joins the queue to be applied;
    invalid, it stays in quarantine with the new errors."""
    valid, errors = validate_event(content)
    if valid is None:
        event.errors = errors
        return
    if _accepted_twin_exists(event):
        raise Conflict("该 id 已有被接受的事件，不能再次接受", code="duplicate_id")
    event.status, event.errors, event.warnings = EventStatus.PENDING, {}, valid.warnings
    event.type, event.occurred_at, event.effective_at = valid.type, valid.occurred_at, valid.effective_at


@transaction.atomic
def correct_event(*, actor: Any, event: MallEvent, payload: Any) -> MallEvent:
    """Replace a rejected event's content with a corrected one; if it is now valid it
    joins the queue to be applied, otherwise it stays in quarantine with the new errors."""
    if event.status != EventStatus.REJECTED:
        raise Conflict("只能修正已拒绝的事件", code="not_rejected")
    if isinstance(payload, dict) and "id" in payload and payload["id"] != event.event_id:
        raise ValidationFailed("修正时不能改变事件 id", fields={"payload.id": ["不能改变事件 id"]})
    payload = _unmask(payload, reveal(event.payload), actor)
    before = event.payload_digest
    event.payload, event.payload_digest = protect(payload), digest(payload)
    _revalidate(event, payload)
    event.status_changed_at = timezone.now()
    event.save()
    record_audit_event(
        actor=actor,
        action="mall_event_corrected",
        target=event,
        target_label=event.event_id,
        before={"digest": before},
        after={"digest": event.payload_digest, "status": event.status},
    )
    return event


@transaction.atomic
def replay_event(*, actor: Any, event: MallEvent) -> MallEvent:
    """Put an event back in the queue: a rejected one is validated again (the contract or
    the dictionary may have changed), a parked or failed one is tried again."""
    if event.status == EventStatus.APPLIED:
        raise Conflict("事件已应用，无需重放", code="already_applied")
    before = event.status
    if event.status == EventStatus.REJECTED:
        _revalidate(event, reveal(event.payload))
    else:
        event.status, event.waits_for, event.errors = EventStatus.PENDING, "", {}
    event.status_changed_at = timezone.now()
    event.save()
    record_audit_event(
        actor=actor,
        action="mall_event_replayed",
        target=event,
        target_label=event.event_id,
        before={"status": before},
        after={"status": event.status},
    )
    return event


@dataclass(frozen=True)
class Delivery:
    """A webhook request as it arrived: its id, where from, and when (wall clock for the
    log, monotonic for the duration)."""

    delivery_id: str
    source_address: str | None
    started_at: datetime
    started: float


def _finished(run: SyncRun, delivery: Delivery, http_status: int) -> SyncRun:
    run.finished_at = timezone.now()
    run.duration_ms = int((time.monotonic() - delivery.started) * 1000)
    run.http_status = http_status
    run.save()
    return run


def _webhook_run(delivery: Delivery) -> SyncRun:
    return SyncRun(
        kind=SyncRunKind.WEBHOOK,
        started_at=delivery.started_at,
        outcome=SyncRunOutcome.RUNNING,
        delivery_id=delivery.delivery_id[:128],
        source_address=delivery.source_address,
    )


def refuse_delivery(*, delivery: Delivery, http_status: int, reason: str) -> SyncRun:
    """Log a delivery refused before any event was read (signature, timestamp, body)."""
    run = _webhook_run(delivery)
    run.outcome, run.error = SyncRunOutcome.REFUSED, reason
    return _finished(run, delivery, http_status)


def accept_delivery(*, delivery: Delivery, raw_events: list[Any]) -> tuple[SyncRun, list[EventResult]]:
    """Store a well-signed batch's events (each accepted, duplicate or rejected), log the
    delivery, and have the applier take them up."""
    run = _webhook_run(delivery)
    run.save()
    results = receive_events(run=run, raw_events=raw_events)
    run.outcome = SyncRunOutcome.PARTIAL if run.rejected_count else SyncRunOutcome.SUCCEEDED
    _finished(run, delivery, 200)
    apply_mall_events()
    return run, results


def start_pull(*, actor: Any, full: bool) -> None:
    """Reconcile with the mall now (or, `full`, backfill everything), in the background."""
    if not mall_export_configured():
        raise Conflict("未配置商城导出接口（CRM_MALL_EXPORT_URL），无法对账", code="export_not_configured")
    record_audit_event(actor=actor, action="mall_pull_started", target_type="sync", after={"full": full})
    pull_from_mall_task(full=full)
