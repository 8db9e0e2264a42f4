"""The contract's event envelope, its time and money formats, and event ids."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

# China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact
# and spares a dependency on the system's time zone database.
SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")
CENT = Decimal("0.01")

Event = dict[str, Any]

# The field of each event type that carries its own time (the contract's "Ordering" rule);
# the CRM orders events by it, falling back to occurred_at.
TIME_FIELD_BY_TYPE: dict[str, str] = {
    "customer.registered": "registered_at",
    "customer.logged_in": "logged_in_at",
    "order.created": "created_at",
    "order.status_changed": "changed_at",
    "inventory.snapshot": "as_of",
}


def format_time(moment: datetime) -> str:
    """RFC 3339 with the Shanghai offset, as the contract writes timestamps."""
    return moment.astimezone(SHANGHAI).isoformat()


def parse_time(text: str) -> datetime:
    """An RFC 3339 timestamp (a trailing Z is accepted) as an aware datetime."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"timestamp without an offset: {text}")
    return moment


def round_money(amount: Decimal) -> Decimal:
    """An amount in CNY rounded to the cent."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(amount: Decimal) -> str:
    """Money as the contract writes it: a decimal string with exactly two places."""
    return f"{round_money(amount):.2f}"


def event_id(event_type: str, occurred_at: str, data: dict[str, Any]) -> str:
    """An id derived from the content, so the same fact always gets the same id (a resend is
    a duplicate) and two different facts never share one."""
    canonical = json.dumps([event_type, occurred_at, data], sort_keys=True, ensure_ascii=False)
    return "evt_" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:26]


def make_event(event_type: str, occurred_at: datetime, data: dict[str, Any]) -> Event:
    """A contract envelope around data that happened at occurred_at."""
    occurred_text = format_time(occurred_at)
    return {
        "id": event_id(event_type, occurred_text, data),
        "type": event_type,
        "occurred_at": occurred_text,
        "data": data,
    }


def event_time(event: Event) -> datetime:
    """When the event's fact happened, by the contract's ordering rule."""
    field = TIME_FIELD_BY_TYPE.get(event["type"])
    text = event["data"].get(field) if field else None
    return parse_time(text if isinstance(text, str) else event["occurred_at"])


def write_events(path: str, events: list[Event]) -> None:
    """Events as JSON lines, one event a line, in the given order."""
    with open(path, "w", encoding="utf-8") as handle:
        for event in events:
            handle.write(json.dumps(event, ensure_ascii=False) + "\n")


def append_events(path: str, events: list[Event]) -> None:
    """Adds events to a JSON-lines file (the live mode's journal)."""
    with open(path, "a", encoding="utf-8") as handle:
        for event in events:
            handle.write(json.dumps(event, ensure_ascii=False) + "\n")


def read_events(path: str) -> list[Event]:
    """The events of a JSON-lines file, skipping blank lines."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
