"""What the mall has now, built by applying its events in time order: customers, products,
orders with their whole status history, and every stock count. The export API serves it."""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from tools.mall_simulator.events import Event, format_time, parse_time

COLLECTIONS = ("customers", "products", "orders", "inventory")
TERMINAL_STATUSES = {"completed", "cancelled"}

Record = dict[str, Any]
# A position in an export listing: (updated_at, id). Pages continue strictly after it.
PageKey = tuple[datetime, str]


class MallState:
    """The mall's current records, each stamped with `updated_at`.

    Stamps strictly increase across the whole state (a change lands at its event's time or
    one microsecond after the previous change, whichever is later), so a change made while
    the CRM pages through a listing always sorts after any cursor already handed out: cursor
    paging never skips it.
    """

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.records: dict[str, dict[str, Record]] = {name: {} for name in COLLECTIONS}
        self.stamps: dict[str, dict[str, datetime]] = {name: {} for name in COLLECTIONS}
        self.last_stamp: datetime | None = None

    @classmethod
    def from_events(cls, events: Iterable[Event]) -> MallState:
        """A state with the given events applied in the given order."""
        state = cls()
        state.apply_all(events)
        return state

    def apply_all(self, events: Iterable[Event]) -> None:
        """Applies events in order (they must be in time order and valid)."""
        with self.lock:
            for event in events:
                self.apply(event)

    def apply(self, event: Event) -> None:
        """Changes the records as the event says."""
        data: dict[str, Any] = event["data"]
        moment = parse_time(event["occurred_at"])
        with self.lock:
            handler = getattr(self, "_apply_" + event["type"].replace(".", "_"))
            handler(data, moment)

    def _touch(self, collection: str, key: str, record: Record, moment: datetime) -> None:
        stamp = moment if self.last_stamp is None else max(moment, self.last_stamp + timedelta(microseconds=1))
        self.last_stamp = stamp
        record["updated_at"] = format_time(stamp)
        self.records[collection][key] = record
        self.stamps[collection][key] = stamp

    def _apply_customer_registered(self, data: dict[str, Any], moment: datetime) -> None:
        record = {**copy.deepcopy(data), "last_login_at": None}
        self._touch("customers", data["customer_id"], record, moment)

    def _apply_customer_updated(self, data: dict[str, Any], moment: datetime) -> None:
        record = self.records["customers"][data["customer_id"]]
        record.update(copy.deepcopy(data))
        self._touch("customers", data["customer_id"], record, moment)

    def _apply_customer_logged_in(self, data: dict[str, Any], moment: datetime) -> None:
        record = self.records["customers"][data["customer_id"]]
        previous = record.get("last_login_at")
        if previous is None or parse_time(previous) < parse_time(data["logged_in_at"]):
            record["last_login_at"] = data["logged_in_at"]
        self._touch("customers", data["customer_id"], record, moment)

    def _apply_product_upserted(self, data: dict[str, Any], moment: datetime) -> None:
        self._touch("products", data["product_id"], copy.deepcopy(data), moment)

    def _apply_order_created(self, data: dict[str, Any], moment: datetime) -> None:
        record = copy.deepcopy(data)
        record["status_history"] = [{"status": data["status"], "changed_at": data["created_at"]}]
        self._touch("orders", data["order_id"], record, moment)

    def _apply_order_status_changed(self, data: dict[str, Any], moment: datetime) -> None:
        record = self.records["orders"][data["order_id"]]
        change = {key: data[key] for key in ("status", "changed_at", "reason", "payment_method") if key in data}
        record["status_history"].append(change)
        record["status"] = data["status"]
        if "payment_method" in data:
            record["payment_method"] = data["payment_method"]
        self._touch("orders", data["order_id"], record, moment)

    def _apply_inventory_snapshot(self, data: dict[str, Any], moment: datetime) -> None:
        # Every count is kept, not only the latest: the CRM's average stock and inventory
        # turnover need the daily levels, so reconciliation must be able to restore them.
        record = {"product_id": data["product_id"], "quantity": data["quantity"], "as_of": data["as_of"]}
        self._touch("inventory", f"{data['product_id']}@{data['as_of']}", record, moment)

    def page(
        self, collection: str, *, updated_since: datetime | None, after: PageKey | None, limit: int
    ) -> tuple[list[Record], PageKey | None]:
        """Up to `limit` records ordered by (updated_at, id), changed at or after
        `updated_since` and strictly after `after`; and the key to continue from, or None
        when nothing follows."""
        with self.lock:
            stamps = self.stamps[collection]
            keys = sorted(
                (stamp, key)
                for key, stamp in stamps.items()
                if (updated_since is None or stamp >= updated_since) and (after is None or (stamp, key) > after)
            )
            chosen = keys[:limit]
            items = [copy.deepcopy(self.records[collection][key]) for _, key in chosen]
        following = chosen[-1] if len(keys) > limit else None
        return items, following

    def latest_stock(self) -> dict[str, int]:
        """Each product's quantity at its latest count."""
        with self.lock:
            counts = sorted(self.records["inventory"].values(), key=lambda record: parse_time(record["as_of"]))
            return {record["product_id"]: record["quantity"] for record in counts}

    def open_orders(self) -> list[Record]:
        """Orders that can still change status, oldest first."""
        with self.lock:
            orders = [order for order in self.records["orders"].values() if order["status"] not in TERMINAL_STATUSES]
            return sorted(orders, key=lambda order: order["created_at"])
