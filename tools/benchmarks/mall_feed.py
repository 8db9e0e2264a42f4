"""The mall going on while people work: during a load test, new orders for the CRM's own
customers arrive at a steady rate through the signed webhook, each paid a few seconds
later, and customers log in, so the task consumer applies events and re-aggregates today's
rollups (DESIGN.md rule 7) under the same load as the screens. Customers and products are
learnt from the CRM's API (as an admin), so the feed works against any loaded dataset."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from tools.mall_simulator.catalogue import Product
from tools.mall_simulator.events import Event, format_time, make_event
from tools.mall_simulator.orders import StatusStep, build_items, order_data, status_change_data
from tools.mall_simulator.pusher import DeliveryReport, Pusher, PushStopped

SHANGHAI = ZoneInfo("Asia/Shanghai")
PAYMENT_DELAY_SECONDS = 5.0


@dataclass
class MallFeed:
    """Pushes `orders_per_second` new orders (with their payments and a login each) until
    stopped; `report` tallies what the CRM answered."""

    crm_url: str
    secret: str
    customers: list[str]
    products: list[Product]
    orders_per_second: float = 1.0
    seed: int = 11
    report: DeliveryReport = field(default_factory=DeliveryReport)
    stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        if not self.customers or not self.products:
            raise ValueError("the feed needs customers and products the CRM already knows")
        self.rng = random.Random(self.seed)
        self.pusher = Pusher(self.crm_url, self.secret, max_attempts=None, rng=self.rng, stop=self.stop)
        # Order numbers of this run only, so runs on the same day never clash.
        self.prefix = f"LT{datetime.now(SHANGHAI):%Y%m%d%H%M%S}"
        self.thread = threading.Thread(target=self._run, name="mall-feed", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def finish(self) -> DeliveryReport:
        self.stop.set()
        self.thread.join(timeout=60)
        return self.report

    def _run(self) -> None:
        serial = 0
        unpaid: list[tuple[float, str, str]] = []  # (due, order id, payment method)
        stock = {product.product_id: 10**9 for product in self.products}
        logged_in: set[tuple[str, datetime]] = set()
        interval = 1 / self.orders_per_second
        next_order_at = time.monotonic()
        try:
            while not self.stop.wait(max(0.0, next_order_at - time.monotonic())):
                next_order_at += interval
                now = datetime.now(SHANGHAI).replace(microsecond=0)
                serial += 1
                identifier = f"{self.prefix}{serial:05d}"
                customer = self.rng.choice(self.customers)
                order = self._order(identifier, customer, now, stock)
                events: list[Event] = [make_event("order.created", now, order)]
                if (customer, now) not in logged_in:  # the same login twice would be one event, a duplicate
                    logged_in.add((customer, now))
                    login = {"customer_id": customer, "logged_in_at": format_time(now)}
                    events.insert(0, make_event("customer.logged_in", now, login))
                unpaid.append((time.monotonic() + PAYMENT_DELAY_SECONDS, identifier, order["payment_method"]))
                while unpaid and unpaid[0][0] <= time.monotonic():
                    _, paid_id, method = unpaid.pop(0)
                    step = StatusStep("paid", timedelta(0), payment_method=method)
                    events.append(make_event("order.status_changed", now, status_change_data(paid_id, step, now)))
                self.pusher.push(events, self.report)
        except PushStopped:
            return

    def _order(self, identifier: str, customer: str, now: datetime, stock: dict[str, int]) -> dict[str, Any]:
        items = build_items(self.rng, products=self.products, stock=stock, order_size=1.0, day=now.date())
        return order_data(self.rng, identifier=identifier, customer_id=customer, created_at=now, items=items)


def product_from_line(line: dict[str, Any]) -> Product:
    """A product as an order line shows it: enough for new orders of it (the mall's own
    maker and category are not needed to order it)."""
    return Product(
        product_id=line["mall_product_id"],
        name=line["product_name"],
        spec=line["spec"],
        unit="",
        manufacturer="",
        category_code="",
        price=Decimal(line["unit_price"]),
        popularity=1.0,
    )
