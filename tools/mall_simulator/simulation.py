"""The mall's behaviour: each action (a registration, an order, a login, a stock count…)
returns the contract events it causes; status changes and first orders are scheduled
ahead and come due later. History and live mode drive the same simulation."""

from __future__ import annotations

import heapq
import itertools
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from tools.mall_simulator import customers, orders
from tools.mall_simulator.catalogue import Product
from tools.mall_simulator.events import SHANGHAI, Event, format_time, make_event, parse_time, round_money
from tools.mall_simulator.state import MallState


@dataclass
class SimulationSettings:
    """Knobs of the simulated mall. `time_scale` divides the delays between an order's
    status changes (the live mode compresses a day into minutes so the demo moves)."""

    seed: int = 7
    invite_codes: list[str] = field(default_factory=list)
    invite_share: float = 0.75
    first_order_share: float = 0.7
    time_scale: float = 1.0


@dataclass(order=True)
class Scheduled:
    """Something due at a time: an order's next status change or a new customer's first order."""

    at: datetime
    sequence: int
    kind: str = field(compare=False)
    subject: str = field(compare=False)
    step: orders.StatusStep | None = field(compare=False, default=None)


class Simulation:
    """The mall's moving parts that the contract events do not carry: customer behaviour,
    stock between counts, and what is scheduled to happen next."""

    def __init__(self, *, rng: random.Random, settings: SimulationSettings, products: list[Product]) -> None:
        self.rng = rng
        self.settings = settings
        self.products = {product.product_id: product for product in products}
        self.stock: dict[str, int] = {}
        self.capacity: dict[str, int] = {}
        self.profiles: dict[str, customers.CustomerProfile] = {}
        self.customer_records: dict[str, dict[str, Any]] = {}
        self.open_order_items: dict[str, list[tuple[str, int]]] = {}
        self.schedule: list[Scheduled] = []
        self.sequence = itertools.count()
        self.order_serials: dict[str, int] = {}
        self.next_customer_number = 1
        self.buyer_cache: tuple[list[str], list[float]] | None = None
        self.logins: set[tuple[str, datetime]] = set()

    def _delay(self, delay: timedelta) -> timedelta:
        return delay / self.settings.time_scale

    def _push(self, at: datetime, kind: str, subject: str, step: orders.StatusStep | None = None) -> None:
        heapq.heappush(self.schedule, Scheduled(at, next(self.sequence), kind, subject, step))

    def publish_catalogue(self, at: datetime) -> list[Event]:
        """Every product listed, with its opening stock counted."""
        events = []
        for product in self.products.values():
            capacity = int(300 + 400 * product.popularity * self.rng.uniform(0.6, 1.4))
            self.capacity[product.product_id] = capacity
            self.stock[product.product_id] = capacity
            events.append(make_event("product.upserted", at, product.upserted_data()))
        return events + self.count_stock(at + timedelta(seconds=1))

    def register_customer(self, at: datetime) -> list[Event]:
        """A pharmacy registers (with a rep's invite code, often) and logs in right away."""
        identifier = customers.customer_id(self.next_customer_number)
        self.next_customer_number += 1
        invite_code = None
        if self.settings.invite_codes and self.rng.random() < self.settings.invite_share:
            invite_code = self.rng.choice(self.settings.invite_codes)
        data = customers.registration_data(self.rng, identifier=identifier, registered_at=at, invite_code=invite_code)
        self._remember_customer(data, at)
        if self.profiles[identifier].weight > 0 and self.rng.random() < self.settings.first_order_share:
            delay = self._delay(timedelta(hours=self.rng.uniform(1, 120)))
            self._push((at + delay).replace(microsecond=0), "first_order", identifier)
        login = self.log_in(identifier, at + timedelta(seconds=self.rng.randint(5, 120)))
        return [make_event("customer.registered", at, data), *login]

    def _remember_customer(self, data: dict[str, Any], registered_at: datetime) -> None:
        identifier = data["customer_id"]
        self.customer_records[identifier] = data
        self.profiles[identifier] = customers.build_profile(
            seed=self.settings.seed,
            customer_id=identifier,
            pharmacy_type=data["pharmacy_type"],
            registered_at=registered_at,
        )
        self.buyer_cache = None

    def log_in(self, customer_id: str, at: datetime) -> list[Event]:
        """A customer logs in to the mall (once a second at most: a second login in the same
        second is the same fact, and would make the same event)."""
        if (customer_id, at) in self.logins:
            return []
        self.logins.add((customer_id, at))
        return [make_event("customer.logged_in", at, {"customer_id": customer_id, "logged_in_at": format_time(at)})]

    def update_customer(self, customer_id: str, at: datetime) -> list[Event]:
        """A customer edits its profile."""
        data = customers.update_data(self.rng, current=self.customer_records[customer_id])
        self.customer_records[customer_id] = {**self.customer_records[customer_id], **data}
        return [make_event("customer.updated", at, data)]

    def change_price(self, at: datetime) -> list[Event]:
        """The mall reprices a product by a few percent."""
        product = self.rng.choice(list(self.products.values()))
        product.price = round_money(product.price * Decimal(str(self.rng.uniform(0.95, 1.06))))
        return [make_event("product.upserted", at, product.upserted_data())]

    def pick_customer(self, at: datetime, *, registered_before: timedelta = timedelta(hours=1)) -> str | None:
        """A buying customer, by weight: the big ones order often."""
        if self.buyer_cache is None:
            buyers = [identifier for identifier, profile in self.profiles.items() if profile.weight > 0]
            self.buyer_cache = (buyers, list(itertools.accumulate(self.profiles[key].weight for key in buyers)))
        buyers, cumulative = self.buyer_cache
        for _ in range(8):
            if not buyers:
                return None
            identifier = self.rng.choices(buyers, cum_weights=cumulative)[0]
            profile = self.profiles[identifier]
            if profile.registered_at <= at - registered_before and profile.buys_at(at):
                return identifier
        return None

    def pick_any_customer(self) -> str | None:
        """Any registered customer, uniformly (logins and profile edits)."""
        return self.rng.choice(list(self.profiles)) if self.profiles else None

    def create_order(self, customer_id: str, at: datetime) -> list[Event]:
        """The customer logs in and places an order from what is in stock."""
        local_day = at.astimezone(SHANGHAI).date()
        items = orders.build_items(
            self.rng,
            products=list(self.products.values()),
            stock=self.stock,
            order_size=self.profiles[customer_id].order_size,
            day=local_day,
        )
        if not items:
            return []
        day_key = f"{local_day:%Y%m%d}"
        self.order_serials[day_key] = self.order_serials.get(day_key, 0) + 1
        identifier = orders.order_id(local_day, self.order_serials[day_key])
        data = orders.order_data(self.rng, identifier=identifier, customer_id=customer_id, created_at=at, items=items)
        for item in items:
            self.stock[item["product_id"]] -= item["quantity"]
        self.open_order_items[identifier] = [(item["product_id"], item["quantity"]) for item in items]
        self._plan(identifier, "pending_payment", data["payment_method"], at)
        login_at = max(at - timedelta(seconds=self.rng.randint(30, 900)), self.profiles[customer_id].registered_at)
        return [*self.log_in(customer_id, login_at), make_event("order.created", at, data)]

    def _plan(self, order_identifier: str, current_status: str, payment_method: str, since: datetime) -> None:
        moment = since
        for step in orders.plan_lifecycle(self.rng, current_status=current_status, payment_method=payment_method):
            # Whole seconds, as the mall's clock records them; never two changes at one moment.
            seconds = max(round(self._delay(step.delay).total_seconds()), 1)
            moment = moment.replace(microsecond=0) + timedelta(seconds=seconds)
            self._push(moment, "status", order_identifier, step)

    def due(self, until: datetime) -> list[Event]:
        """Everything scheduled up to `until`, in time order."""
        events: list[Event] = []
        while self.schedule and self.schedule[0].at <= until:
            scheduled = heapq.heappop(self.schedule)
            if scheduled.kind == "first_order":
                events += self.create_order(scheduled.subject, scheduled.at)
            elif scheduled.step is not None:
                events.append(self._change_status(scheduled.subject, scheduled.step, scheduled.at))
        return events

    def _change_status(self, order_identifier: str, step: orders.StatusStep, at: datetime) -> Event:
        if step.status in ("cancelled", "completed"):
            items = self.open_order_items.pop(order_identifier, [])
            if step.status == "cancelled":
                for product_id, quantity in items:
                    self.stock[product_id] += quantity
        data = orders.status_change_data(order_identifier, step, at)
        return make_event("order.status_changed", at, data)

    def count_stock(self, at: datetime, product_ids: list[str] | None = None) -> list[Event]:
        """Stock counted (restocking what ran low first): one snapshot per product."""
        events = []
        for product_id in product_ids or list(self.products):
            capacity = self.capacity[product_id]
            if self.stock[product_id] <= 0:
                self.capacity[product_id] = capacity = int(capacity * 1.3)
            if self.stock[product_id] < capacity * 0.3 and self.rng.random() < 0.7:
                self.stock[product_id] += int(capacity * self.rng.uniform(0.7, 1.1))
            data = {"product_id": product_id, "quantity": self.stock[product_id], "as_of": format_time(at)}
            events.append(make_event("inventory.snapshot", at, data))
        return events

    def resume(self, state: MallState, now: datetime) -> None:
        """Takes up a mall that already has a history (the live mode's journal): its
        customers, stock and open orders, whose remaining status changes are planned anew."""
        with state.lock:
            for record in state.records["customers"].values():
                self._remember_customer(dict(record), parse_time(record["registered_at"]))
                self.next_customer_number = max(
                    self.next_customer_number, customers.customer_number(record["customer_id"]) + 1
                )
            for product_id, quantity in state.latest_stock().items():
                self.stock[product_id] = quantity
                self.capacity[product_id] = max(quantity, 300)
            for identifier in state.records["orders"]:
                day_key, serial = identifier[2:10], int(identifier[10:])
                self.order_serials[day_key] = max(self.order_serials.get(day_key, 0), serial)
        for order in state.open_orders():
            items = [(item["product_id"], item["quantity"]) for item in order["items"]]
            self.open_order_items[order["order_id"]] = items
            self._plan(order["order_id"], order["status"], order.get("payment_method") or "online", now)
