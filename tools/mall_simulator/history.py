"""A deterministic, consistent history of the mall between two moments: the catalogue,
registrations, logins, profile edits, orders with their status progressions and daily
stock counts, as contract events in time order."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from tools.mall_simulator.catalogue import build_catalogue
from tools.mall_simulator.events import SHANGHAI, Event, event_time
from tools.mall_simulator.seasonality import WEEKDAY_FACTORS, days_between, moment_in_day, order_factor
from tools.mall_simulator.simulation import Simulation, SimulationSettings
from tools.mall_simulator.state import MallState

# A share of the customers registers in the first tenth of the period: the mall's
# existing base signing up when the period starts, the rest trickling in.
EARLY_REGISTRATION_SHARE = 0.35
DAILY_STOCK_COUNT_AT = time(23, 59)

__all__ = ["HistorySettings", "MallState", "build_history", "generate_history"]


@dataclass
class HistorySettings:
    """How big the mall is and how busy: customers registering over the period, products
    listed, and orders on an ordinary spring weekday (seasons and weekdays scale it)."""

    customers: int = 200
    products: int = 80
    orders_per_day: float = 40.0
    seed: int = 7
    invite_codes: list[str] = field(default_factory=list)
    invite_share: float = 0.75


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson-distributed count (Knuth's method; a normal approximation when large)."""
    if mean <= 0:
        return 0
    if mean > 50:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _registration_times(
    rng: random.Random, *, days: list[date], count: int, start: datetime, end: datetime
) -> list[datetime]:
    moments = []
    for _ in range(count):
        fraction = rng.random() * 0.1 if rng.random() < EARLY_REGISTRATION_SHARE else rng.random()
        moment = moment_in_day(rng, days[min(int(fraction * len(days)), len(days) - 1)])
        moments.append(min(max(moment, start + timedelta(minutes=1)), end - timedelta(seconds=1)))
    return moments


def _day_actions(rng: random.Random, *, day: date, settings: HistorySettings) -> list[tuple[datetime, str]]:
    orders = poisson(rng, settings.orders_per_day * order_factor(day))
    actions = [(moment_in_day(rng, day), "order") for _ in range(orders)]
    browsing = settings.orders_per_day * 0.8 * WEEKDAY_FACTORS[day.weekday()]
    actions += [(moment_in_day(rng, day), "login") for _ in range(poisson(rng, browsing))]
    actions += [(moment_in_day(rng, day), "update") for _ in range(poisson(rng, settings.customers * 0.004))]
    actions += [(moment_in_day(rng, day), "price") for _ in range(poisson(rng, 0.3))]
    actions.append((datetime.combine(day, DAILY_STOCK_COUNT_AT, tzinfo=SHANGHAI), "stock"))
    return actions


def perform(simulation: Simulation, kind: str, at: datetime) -> list[Event]:
    """Carries out one action of the given kind at the given moment."""
    if kind == "register":
        return simulation.register_customer(at)
    if kind == "stock":
        return simulation.count_stock(at)
    if kind == "price":
        return simulation.change_price(at)
    if kind == "order":
        customer_id = simulation.pick_customer(at)
        return simulation.create_order(customer_id, at) if customer_id else []
    customer_id = simulation.pick_any_customer()
    if customer_id is None or simulation.profiles[customer_id].registered_at >= at:
        return []
    if kind == "login":
        return simulation.log_in(customer_id, at)
    return simulation.update_customer(customer_id, at)


def build_history(
    *, start: datetime, end: datetime, settings: HistorySettings, simulation_settings: SimulationSettings | None = None
) -> tuple[list[Event], Simulation]:
    """The events of [start, end) in time order, and the simulation, ready to go on from `end`."""
    if start.tzinfo is None or end.tzinfo is None or start >= end:
        raise ValueError("start and end must be aware datetimes, start before end")
    rng = random.Random(settings.seed)
    simulation = Simulation(
        rng=rng,
        settings=simulation_settings
        or SimulationSettings(
            seed=settings.seed, invite_codes=list(settings.invite_codes), invite_share=settings.invite_share
        ),
        products=build_catalogue(rng, size=settings.products),
    )
    events = simulation.publish_catalogue(start)
    days = days_between(start, end)
    registrations = sorted(_registration_times(rng, days=days, count=settings.customers, start=start, end=end))
    registrations_by_day: dict[date, list[datetime]] = {}
    for moment in registrations:
        registrations_by_day.setdefault(moment.astimezone(SHANGHAI).date(), []).append(moment)
    for day in days:
        actions = _day_actions(rng, day=day, settings=settings)
        actions += [(moment, "register") for moment in registrations_by_day.get(day, [])]
        for at, kind in sorted(action for action in actions if start + timedelta(seconds=2) <= action[0] < end):
            events += simulation.due(at)
            events += perform(simulation, kind, at)
        day_end = datetime.combine(day + timedelta(days=1), time(), tzinfo=SHANGHAI)
        events += simulation.due(min(day_end, end) - timedelta(microseconds=1))
    events.sort(key=event_time)
    return events, simulation


def generate_history(*, start: datetime, end: datetime, settings: HistorySettings) -> list[Event]:
    """The mall's history between start and end: same settings, same events."""
    return build_history(start=start, end=end, settings=settings)[0]
