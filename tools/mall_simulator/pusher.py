"""Delivers events to the CRM's webhook (`POST {crm}/api/v1/mall/events`) in signed
batches, retrying failed deliveries under the same webhook-id, and tallies what the CRM
answered for every event."""

from __future__ import annotations

import json
import logging
import random
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tools.mall_simulator.chaos import ChaosOutcome, ChaosSettings, apply_chaos
from tools.mall_simulator.events import Event
from tools.mall_simulator.signing import new_webhook_id, signature_headers

WEBHOOK_PATH = "/api/v1/mall/events"
MAXIMUM_BATCH_SIZE = 1000
# Answers worth trying again: the CRM is starting, overloaded or briefly failing.
RETRYABLE_STATUSES = {408, 425, 429, 500, 502, 503, 504}

logger = logging.getLogger("mall_simulator.pusher")


class PushStopped(Exception):
    """Delivery stopped because the simulator is shutting down."""


@dataclass
class DeliveryReport:
    """What became of a push: per-event answers (`accepted`, `duplicate`, `rejected`),
    what chaos did, and batches given up on."""

    batches: int = 0
    attempts: int = 0
    delivered_events: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    rejections: list[dict[str, Any]] = field(default_factory=list)
    failed_batches: list[str] = field(default_factory=list)
    chaos: ChaosOutcome | None = None

    def summary(self) -> str:
        """One line for the console."""
        answered = ", ".join(f"{status} {count}" for status, count in sorted(self.statuses.items()))
        line = f"{self.delivered_events} events in {self.batches} batches ({self.attempts} attempts): {answered or '-'}"
        if self.chaos is not None:
            line += (
                f"; chaos: {len(self.chaos.dropped_ids)} dropped, {self.chaos.extra_copies} extra copies, "
                f"{len(self.chaos.invalid)} invalid"
            )
        if self.failed_batches:
            line += f"; {len(self.failed_batches)} batches given up"
        return line


@dataclass
class Pusher:
    """Sends events to one CRM. `rate` caps events per second (None: as fast as the CRM
    answers); `max_attempts` None retries forever (the live mode waits for the CRM)."""

    crm_url: str
    secret: str
    batch_size: int = 500
    rate: float | None = None
    chaos: ChaosSettings = field(default_factory=ChaosSettings)
    max_attempts: int | None = 8
    timeout_seconds: float = 30.0
    initial_backoff_seconds: float = 0.5
    maximum_backoff_seconds: float = 30.0
    rng: random.Random = field(default_factory=random.Random)
    stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        if not 1 <= self.batch_size <= MAXIMUM_BATCH_SIZE:
            raise ValueError(f"batch size must be 1 to {MAXIMUM_BATCH_SIZE}")
        self.next_send_at = time.monotonic()

    @property
    def endpoint(self) -> str:
        return self.crm_url.rstrip("/") + WEBHOOK_PATH

    def effective_batch_size(self) -> int:
        """With a rate, a batch holds at most a second's worth, so pacing stays smooth."""
        if self.rate is None:
            return self.batch_size
        return max(1, min(self.batch_size, int(self.rate)))

    def push(self, events: list[Event], report: DeliveryReport | None = None) -> DeliveryReport:
        """Delivers the events (after chaos, when configured) and returns the tally."""
        report = report or DeliveryReport()
        outcome = apply_chaos(events, self.chaos, self.rng, spread=max(self.effective_batch_size(), 50))
        if not self.chaos.is_faithful():
            report.chaos = _merge(report.chaos, outcome)
        size = self.effective_batch_size()
        for start in range(0, len(outcome.deliveries), size):
            self._pace()
            self.send_batch(outcome.deliveries[start : start + size], report)
        return report

    def _pace(self) -> None:
        if self.rate is None:
            return
        delay = self.next_send_at - time.monotonic()
        if delay > 0 and self.stop.wait(delay):
            raise PushStopped
        self.next_send_at = max(self.next_send_at, time.monotonic()) + self.effective_batch_size() / self.rate

    def send_batch(self, batch: list[Event], report: DeliveryReport) -> list[dict[str, Any]]:
        """One delivery, retried with backoff under the same webhook-id (re-signed with a
        fresh timestamp each attempt) until the CRM answers or attempts run out."""
        body = json.dumps({"events": batch}, ensure_ascii=False).encode("utf-8")
        webhook_id = new_webhook_id()
        report.batches += 1
        attempt = 0
        while True:
            attempt += 1
            report.attempts += 1
            status, answer = self._post(body, webhook_id)
            if status == 200:
                results = answer.get("results", []) if isinstance(answer, dict) else []
                report.delivered_events += len(batch)
                for result in results:
                    report.statuses[result.get("status", "unknown")] += 1
                    if result.get("status") == "rejected":
                        report.rejections.append(result)
                return results
            retryable = status is None or status in RETRYABLE_STATUSES
            if not retryable or (self.max_attempts is not None and attempt >= self.max_attempts):
                logger.error("giving up batch %s after %d attempts: %s %s", webhook_id, attempt, status, answer)
                report.failed_batches.append(webhook_id)
                return []
            backoff = min(self.initial_backoff_seconds * 2 ** (attempt - 1), self.maximum_backoff_seconds)
            logger.warning(
                "batch %s attempt %d failed (%s); retrying in %.1fs", webhook_id, attempt, status or answer, backoff
            )
            if self.stop.wait(backoff * self.rng.uniform(0.8, 1.2)):
                raise PushStopped

    def _post(self, body: bytes, webhook_id: str) -> tuple[int | None, Any]:
        """(HTTP status or None when unreachable, parsed answer or error text)."""
        headers = {
            "Content-Type": "application/json",
            **signature_headers(secret=self.secret, webhook_id=webhook_id, body=body),
        }
        request = urllib.request.Request(self.endpoint, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_seconds) as response:
                return response.status, _parse(response.read())
        except urllib.error.HTTPError as error:
            return error.code, _parse(error.read())
        except (urllib.error.URLError, OSError) as error:
            return None, str(getattr(error, "reason", error))


def _parse(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return raw[:500].decode("utf-8", "replace")


def _merge(previous: ChaosOutcome | None, outcome: ChaosOutcome) -> ChaosOutcome:
    if previous is None:
        return ChaosOutcome(
            deliveries=[],
            dropped_ids=set(outcome.dropped_ids),
            extra_copies=outcome.extra_copies,
            invalid=list(outcome.invalid),
        )
    previous.dropped_ids |= outcome.dropped_ids
    previous.extra_copies += outcome.extra_copies
    previous.invalid += outcome.invalid
    return previous
