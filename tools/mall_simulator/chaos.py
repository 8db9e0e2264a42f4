"""The faults of a real integration, on purpose: events delivered twice or three times,
out of order, never, or broken. The CRM must end in the same state regardless (the
contract's "Ordering and duplicates"), quarantine what is broken, and repair what was lost
by pulling the export API."""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tools.mall_simulator.events import Event, event_id

# Which field each event type cannot do without, for the "missing field" fault.
REQUIRED_FIELD_BY_TYPE = {
    "customer.registered": "company_name",
    "customer.updated": "customer_id",
    "customer.logged_in": "logged_in_at",
    "product.upserted": "name",
    "order.created": "customer_id",
    "order.status_changed": "status",
    "inventory.snapshot": "quantity",
}
INVALID_KINDS = ["bad_total", "missing_field", "wrong_type", "conflicting_id"]


@dataclass
class ChaosSettings:
    """Shares of events duplicated, dropped and broken, and how far (in events) an event
    may be pushed back when shuffled. All zero: a faithful delivery."""

    duplicate_share: float = 0.0
    drop_share: float = 0.0
    shuffle_window: int = 0
    invalid_share: float = 0.0

    def is_faithful(self) -> bool:
        return not (self.duplicate_share or self.drop_share or self.shuffle_window or self.invalid_share)


@dataclass
class ChaosOutcome:
    """The stream to deliver, and what was done to it (what the CRM should then report)."""

    deliveries: list[Event]
    dropped_ids: set[str] = field(default_factory=set)
    extra_copies: int = 0
    invalid: list[tuple[str, str]] = field(default_factory=list)  # (event id, kind of fault)


def _break_types(data: dict[str, Any], event_type: str) -> None:
    if event_type == "order.created":
        data["items"][0]["quantity"] = "三箱"
    elif event_type == "inventory.snapshot":
        data["quantity"] = -5
    elif event_type == "product.upserted":
        data["price"] = "十二元五角"
    else:
        data[next(key for key in data if key != "customer_id" and key != "order_id")] = {"unexpected": True}


def _change_validly(data: dict[str, Any], event_type: str) -> None:
    """Different content that would be valid on its own, so only the id reuse is at fault."""
    if event_type == "inventory.snapshot":
        data["quantity"] += 1
    elif event_type == "product.upserted":
        data["price"] = f"{Decimal(data['price']) + 1:.2f}"
    elif event_type == "order.created":
        data["freight_amount"] = f"{Decimal(data['freight_amount']) + 1:.2f}"
        data["total_amount"] = f"{Decimal(data['total_amount']) + 1:.2f}"
    elif event_type in ("customer.registered", "customer.updated"):
        data["address"] = "上海市黄浦区人民路1号（重发）"
    elif event_type == "order.status_changed":
        data["reason"] = "重复推送"
    else:
        data["logged_in_at"] = data["logged_in_at"][:-6] + "+09:00"


def broken_variant(rng: random.Random, event: Event, kind: str) -> Event:
    """A broken copy of an event. Every kind but `conflicting_id` gets a new id of its own;
    `conflicting_id` keeps the original's id with different content (a conflict)."""
    broken = copy.deepcopy(event)
    data: dict[str, Any] = broken["data"]
    if kind == "bad_total":
        error = Decimal(rng.choice(["0.01", "1.00", "100.00"]))
        data["total_amount"] = f"{Decimal(data['total_amount']) + error:.2f}"
    elif kind == "missing_field":
        data.pop(REQUIRED_FIELD_BY_TYPE[event["type"]], None)
    elif kind == "wrong_type":
        _break_types(data, event["type"])
    else:
        _change_validly(data, event["type"])
        return broken
    broken["id"] = event_id(broken["type"], broken["occurred_at"], data)
    return broken


def apply_chaos(events: list[Event], settings: ChaosSettings, rng: random.Random, *, spread: int = 50) -> ChaosOutcome:
    """The stream with the configured faults. Copies and broken variants land up to
    `spread` places after their original, so a conflicting reuse of an id always comes
    after the genuine event."""
    if settings.is_faithful():
        return ChaosOutcome(deliveries=list(events))
    outcome = ChaosOutcome(deliveries=[])
    keyed: list[tuple[float, int, Event]] = []
    sequence = 0
    for index, event in enumerate(events):
        if rng.random() < settings.drop_share:
            outcome.dropped_ids.add(event["id"])
            continue
        key = index + (rng.uniform(0, settings.shuffle_window) if settings.shuffle_window else 0.0)
        keyed.append((key, sequence, event))
        sequence += 1
        if rng.random() < settings.duplicate_share:
            for _ in range(rng.choice([1, 1, 2])):
                keyed.append((key + rng.uniform(0.5, spread), sequence, event))
                sequence += 1
                outcome.extra_copies += 1
        if rng.random() < settings.invalid_share:
            kinds = [kind for kind in INVALID_KINDS if kind != "bad_total" or event["type"] == "order.created"]
            kind = rng.choice(kinds)
            broken = broken_variant(rng, event, kind)
            keyed.append((key + spread + rng.uniform(0.5, spread), sequence, broken))
            sequence += 1
            outcome.invalid.append((broken["id"], kind))
    keyed.sort(key=lambda entry: (entry[0], entry[1]))
    outcome.deliveries = [event for _, _, event in keyed]
    return outcome
