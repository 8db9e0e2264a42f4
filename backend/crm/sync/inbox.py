"""Receiving mall events: validate, tell duplicates from conflicts, and store every event
(accepted or rejected) before the mall gets its answer. Webhook, pull, backfill and replay
all come through `receive_events`."""

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from crm.core.crypto import decrypt, encrypt, is_encrypted, keyed_hash
from crm.sync.models import EventStatus, MallEvent, SyncRun
from crm.sync.validation import ValidEvent, validate_event

SENSITIVE_FIELDS = ("phone", "email", "id_number", "business_license_no")


@dataclass
class EventResult:
    id: str
    status: str  # accepted | duplicate | rejected
    errors: dict[str, list[str]] = field(default_factory=dict)

    def as_answer(self) -> dict[str, Any]:
        answer: dict[str, Any] = {"id": self.id, "status": self.status}
        if self.errors:
            answer["errors"] = self.errors
        return answer


def digest(raw: Any) -> str:
    """A keyed hash of the event's content: equal for a re-delivery, different for a
    changed event, and telling nothing about the content without the key."""
    canonical = json.dumps(raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return keyed_hash(canonical, "mall-event")


def protect(raw: Any) -> Any:
    """The event as stored: sensitive values of its data encrypted."""
    if not isinstance(raw, dict) or not isinstance(raw.get("data"), dict):
        return raw
    data = dict(raw["data"])
    for name in SENSITIVE_FIELDS:
        if isinstance(data.get(name), str) and data[name] and not is_encrypted(data[name]):
            data[name] = encrypt(data[name])
    return {**raw, "data": data}


def reveal(stored: Any) -> Any:
    """The event as the mall sent it (for applying and for correcting)."""
    if not isinstance(stored, dict) or not isinstance(stored.get("data"), dict):
        return stored
    data = dict(stored["data"])
    for name in SENSITIVE_FIELDS:
        if isinstance(data.get(name), str) and is_encrypted(data[name]):
            data[name] = decrypt(data[name])
    return {**stored, "data": data}


def _raw_id(raw: Any, position: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"]:
        return raw["id"][:128]
    return f"(第 {position + 1} 个事件，缺少 id)"


def _row(
    raw: Any, event_id: str, status: str, run: SyncRun, now: datetime, event: ValidEvent | None = None
) -> MallEvent:
    event_type = event.type if event else (raw.get("type") if isinstance(raw, dict) else "") or ""
    return MallEvent(
        event_id=event_id,
        type=str(event_type)[:64],
        occurred_at=event.occurred_at if event else None,
        effective_at=event.effective_at if event else None,
        payload=protect(raw),
        payload_digest=digest(raw),
        status=status,
        run=run,
        received_at=now,
        status_changed_at=now,
        warnings=event.warnings if event else [],
    )


@transaction.atomic
def receive_events(*, run: SyncRun, raw_events: list[Any]) -> list[EventResult]:
    """Store every event and say what became of it. One bad event never blocks the others."""
    now = timezone.now()
    ids = [raw.get("id") for raw in raw_events if isinstance(raw, dict) and isinstance(raw.get("id"), str)]
    known = dict(
        MallEvent.objects.filter(event_id__in=ids)
        .exclude(status=EventStatus.REJECTED)
        .values_list("event_id", "payload_digest")
    )
    results: list[EventResult] = []
    rows: list[MallEvent] = []
    for position, raw in enumerate(raw_events):
        event_id = _raw_id(raw, position)
        event, errors = validate_event(raw)
        if event is None:
            rows.append(_row(raw, event_id, EventStatus.REJECTED, run, now))
            rows[-1].errors = errors
            results.append(EventResult(event_id, "rejected", errors))
            continue
        seen = known.get(event.event_id)
        if seen is not None:
            if seen == digest(raw):
                results.append(EventResult(event_id, "duplicate"))
                continue
            conflict = {"id": ["该 id 已用于内容不同的另一个事件"]}
            rows.append(_row(raw, event_id, EventStatus.REJECTED, run, now, event))
            rows[-1].errors = conflict
            results.append(EventResult(event_id, "rejected", conflict))
            continue
        known[event.event_id] = digest(raw)
        rows.append(_row(raw, event_id, EventStatus.PENDING, run, now, event))
        results.append(EventResult(event_id, "accepted"))
    _store(rows)
    run.received_count += len(raw_events)
    for result in results:
        if result.status == "accepted":
            run.accepted_count += 1
        elif result.status == "duplicate":
            run.duplicate_count += 1
        else:
            run.rejected_count += 1
    run.save()
    return results


def _store(rows: list[MallEvent]) -> None:
    try:
        with transaction.atomic():
            MallEvent.objects.bulk_create(rows, batch_size=500)
    except IntegrityError:
        # Another delivery stored one of these ids a moment ago: store one by one, and
        # what now collides is that delivery's duplicate.
        for row in rows:
            try:
                with transaction.atomic():
                    row.save()
            except IntegrityError:
                pass
