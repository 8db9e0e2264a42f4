"""Reconciliation and backfill: pull what the mall has from its export API and pass it
through the same validation, inbox and applier as the webhook (DESIGN.md rule 6).

Each pulled record becomes the contract's events, with ids derived from the record's
content and time, so pulling the same thing twice stores it once; what the webhook
already delivered converges anyway (handlers are idempotent)."""

import json
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from crm.sync.applier import apply_while_pending
from crm.sync.inbox import receive_events
from crm.sync.models import SyncRun, SyncRunKind, SyncRunOutcome

RESOURCES = ("products", "customers", "orders", "inventory")
PAGE_SIZE = 500
# Pull from a little before the last run's start: records updated during it are caught.
OVERLAP = timedelta(minutes=10)


class MallUnavailable(Exception):
    """The export API could not be read (logged on the run; the next run retries)."""


def _get(resource: str, updated_since: str | None, cursor: str | None) -> dict[str, Any]:
    query = {"limit": str(PAGE_SIZE)}
    if updated_since:
        query["updated_since"] = updated_since
    if cursor:
        query["cursor"] = cursor
    url = f"{settings.MALL_EXPORT_URL.rstrip('/')}/{resource}?{urllib.parse.urlencode(query)}"
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {settings.MALL_EXPORT_TOKEN}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())
    except (OSError, ValueError) as error:
        raise MallUnavailable(f"{resource}: {error}") from error


def _pages(resource: str, updated_since: str | None) -> Iterator[list[dict[str, Any]]]:
    cursor = None
    while True:
        page = _get(resource, updated_since, cursor)
        yield page.get("items", [])
        cursor = page.get("next_cursor")
        if not cursor:
            return


def _event(event_id: str, event_type: str, occurred_at: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"id": event_id, "type": event_type, "occurred_at": occurred_at, "data": data}


def events_from_record(resource: str, record: dict[str, Any]) -> list[dict[str, Any]]:
    """The contract's events that say what one exported record says."""
    updated_at = record.get("updated_at", "")
    if resource == "products":
        data = {key: value for key, value in record.items() if key != "updated_at"}
        return [_event(f"pull:product:{record.get('product_id')}:{updated_at}", "product.upserted", updated_at, data)]
    if resource == "customers":
        data = {key: value for key, value in record.items() if key not in ("updated_at", "last_login_at")}
        customer_id = record.get("customer_id")
        events = [_event(f"pull:customer:{customer_id}:{updated_at}", "customer.registered", updated_at, data)]
        if record.get("last_login_at"):
            login = {"customer_id": customer_id, "logged_in_at": record["last_login_at"]}
            events.append(
                _event(
                    f"pull:login:{customer_id}:{record['last_login_at']}",
                    "customer.logged_in",
                    record["last_login_at"],
                    login,
                )
            )
        return events
    if resource == "orders":
        order_id = record.get("order_id")
        history = record.get("status_history") or []
        data = {key: value for key, value in record.items() if key not in ("updated_at", "status_history")}
        first = history[0] if history else {"status": record.get("status"), "changed_at": record.get("created_at")}
        data["status"] = first.get("status")
        events = [_event(f"pull:order:{order_id}", "order.created", record.get("created_at", updated_at), data)]
        for change in history[1:]:
            change_data = {"order_id": order_id, **change}
            event_id = f"pull:status:{order_id}:{change.get('status')}:{change.get('changed_at')}"
            events.append(_event(event_id, "order.status_changed", change.get("changed_at", updated_at), change_data))
        return events
    data = {key: value for key, value in record.items() if key != "updated_at"}
    event_id = f"pull:stock:{record.get('product_id')}:{record.get('as_of')}"
    return [_event(event_id, "inventory.snapshot", record.get("as_of", updated_at), data)]


def _since_last_pull() -> str | None:
    last = (
        SyncRun.objects.filter(kind__in=[SyncRunKind.PULL, SyncRunKind.BACKFILL], outcome__in=["succeeded", "partial"])
        .order_by("-started_at")
        .first()
    )
    return (last.started_at - OVERLAP).isoformat() if last else None


def pull_from_mall(*, full: bool = False) -> SyncRun:
    """Pull everything updated since the last successful pull (or everything: `full`,
    the backfill), apply it, and log the run."""
    started = time.monotonic()
    since = None if full else _since_last_pull()
    run = SyncRun.objects.create(
        kind=SyncRunKind.BACKFILL if full else SyncRunKind.PULL,
        started_at=timezone.now(),
        outcome=SyncRunOutcome.RUNNING,
        details={"updated_since": since, "records": {}},
    )
    try:
        for resource in RESOURCES:
            records = 0
            for items in _pages(resource, since):
                events = [event for record in items for event in events_from_record(resource, record)]
                if events:
                    receive_events(run=run, raw_events=events)
                    apply_while_pending()
                records += len(items)
            run.details["records"][resource] = records
        run.outcome = SyncRunOutcome.PARTIAL if run.rejected_count else SyncRunOutcome.SUCCEEDED
    except MallUnavailable as error:
        run.outcome, run.error = SyncRunOutcome.FAILED, str(error)
    run.finished_at = timezone.now()
    run.duration_ms = int((time.monotonic() - started) * 1000)
    run.save()
    return run


def mall_export_configured() -> bool:
    return bool(settings.MALL_EXPORT_URL)
