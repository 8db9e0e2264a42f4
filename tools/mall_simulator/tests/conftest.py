"""Shared fixtures: a generated history, and a tiny stand-in CRM webhook that records every
request and answers per event as the contract says (accepted, duplicate, rejected)."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tools.mall_simulator.events import SHANGHAI, Event, parse_time
from tools.mall_simulator.history import HistorySettings, generate_history
from tools.mall_simulator.signing import SignatureError, verify

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
INVITE_CODES = ["REP001", "REP002", "REP003", "REP004"]
MONEY = re.compile(r"^-?\d+\.\d{2}$")
REQUIRED = {
    "customer.registered": ["customer_id", "company_name", "pharmacy_type", "contact_name", "phone", "registered_at"],
    "customer.updated": ["customer_id"],
    "customer.logged_in": ["customer_id", "logged_in_at"],
    "product.upserted": ["product_id", "name", "spec", "unit", "price", "category"],
    "order.created": ["order_id", "customer_id", "created_at", "status", "items", "total_amount"],
    "order.status_changed": ["order_id", "status", "changed_at"],
    "inventory.snapshot": ["product_id", "quantity", "as_of"],
}


@pytest.fixture(scope="session")
def history() -> list[Event]:
    """Two winter months of a 150-customer mall, seed 7."""
    settings = HistorySettings(customers=150, products=60, orders_per_day=30, seed=7, invite_codes=INVITE_CODES)
    return generate_history(
        start=datetime(2026, 1, 1, tzinfo=SHANGHAI), end=datetime(2026, 3, 1, tzinfo=SHANGHAI), settings=settings
    )


def contract_errors(event: Event) -> list[str]:
    """What the stand-in CRM finds wrong with an event (a rough cut of the contract)."""
    data = event.get("data")
    if not isinstance(data, dict) or event.get("type") not in REQUIRED:
        return ["envelope"]
    errors = [f"missing {name}" for name in REQUIRED[event["type"]] if name not in data]
    for name, value in data.items():
        if name.endswith("_at") and value is not None:
            try:
                parse_time(value)
            except (TypeError, ValueError, AttributeError):
                errors.append(f"bad time {name}")
        elif name in ("price", "total_amount", "discount_amount", "freight_amount") and not (
            isinstance(value, str) and MONEY.match(value)
        ):
            errors.append(f"bad money {name}")
        elif name not in ("items", "category", "quantity") and not isinstance(value, str):
            errors.append(f"bad type {name}")
    if event["type"] == "inventory.snapshot" and not (isinstance(data.get("quantity"), int) and data["quantity"] >= 0):
        errors.append("bad quantity")
    if event["type"] == "order.created" and not errors:
        errors += _order_errors(data)
    return errors


def _order_errors(data: dict[str, Any]) -> list[str]:
    subtotal = Decimal("0")
    for item in data["items"]:
        if not isinstance(item.get("quantity"), int) or item["quantity"] <= 0:
            return ["bad item quantity"]
        if Decimal(item["unit_price"]) * item["quantity"] != Decimal(item["amount"]):
            return ["bad item amount"]
        subtotal += Decimal(item["amount"])
    expected = subtotal - Decimal(data.get("discount_amount", "0")) + Decimal(data.get("freight_amount", "0"))
    return [] if expected == Decimal(data["total_amount"]) else ["bad total"]


@dataclass
class RecordedRequest:
    headers: dict[str, str]
    body: bytes
    signature_valid: bool
    events: list[Event]


@dataclass
class RecordingCrm:
    """Answers `fail_first` requests with 503, then per event like the real CRM."""

    fail_first: int = 0
    requests: list[RecordedRequest] = field(default_factory=list)
    seen: dict[str, str] = field(default_factory=dict)
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        with self.lock:
            try:
                verify(secret=SECRET, headers=headers, body=body)
                valid = True
            except SignatureError:
                valid = False
            events = json.loads(body)["events"]
            self.requests.append(RecordedRequest(headers, body, valid, events))
            if len(self.requests) <= self.fail_first:
                return 503, {"code": "starting"}
            if not valid:
                return 401, {"code": "bad_signature"}
            return 200, {"batch": f"b_{len(self.requests)}", "results": [self._result(event) for event in events]}

    def _result(self, event: Event) -> dict[str, Any]:
        content = json.dumps(event, sort_keys=True, ensure_ascii=False)
        previous = self.seen.get(event["id"])
        if previous is not None:
            if previous == content:
                return {"id": event["id"], "status": "duplicate"}
            return {"id": event["id"], "status": "rejected", "errors": {"id": ["conflict"]}}
        errors = contract_errors(event)
        if errors:
            return {"id": event["id"], "status": "rejected", "errors": {"data": errors}}
        self.seen[event["id"]] = content
        return {"id": event["id"], "status": "accepted"}


@pytest.fixture
def crm() -> Iterator[RecordingCrm]:
    recorder = RecordingCrm()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            status, payload = recorder.answer({key.lower(): value for key, value in self.headers.items()}, body)
            raw = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    recorder.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield recorder
    server.shutdown()
    server.server_close()
