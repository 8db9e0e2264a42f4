"""The live mall for the demo: a back history pushed fast so the CRM starts full, then new
events as they happen, at a chosen rate, while the export API serves the mall's records."""

from __future__ import annotations

import logging
import os
import random
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from tools.mall_simulator.catalogue import product_from_record
from tools.mall_simulator.chaos import ChaosSettings
from tools.mall_simulator.events import (
    SHANGHAI,
    Event,
    append_events,
    event_time,
    parse_time,
    read_events,
    write_events,
)
from tools.mall_simulator.export_server import ExportServer
from tools.mall_simulator.history import HistorySettings, build_history, perform
from tools.mall_simulator.pusher import DeliveryReport, Pusher, PushStopped
from tools.mall_simulator.simulation import Simulation, SimulationSettings
from tools.mall_simulator.state import MallState

# What happens in the live mall, by weight; each order later brings its status changes.
LIVE_ACTION_WEIGHTS = {"order": 30, "login": 30, "stock": 20, "register": 5, "update": 3, "price": 2}
HISTORY_BATCH_SIZE = 500
TICK_SECONDS = 1.0

logger = logging.getLogger("mall_simulator.live")


@dataclass
class LiveSettings:
    """Where to push, what to serve, and how busy the live mall is. `journal_path` keeps
    every event generated, so a restart resumes the same mall instead of inventing a new
    one whose ids would clash with what the CRM already has."""

    crm_url: str
    secret: str
    export_token: str
    invite_codes: list[str] = field(default_factory=list)
    rate: float = 2.0
    export_host: str = "127.0.0.1"
    export_port: int = 8100
    history_days: int = 90
    history: HistorySettings = field(default_factory=HistorySettings)
    chaos: ChaosSettings = field(default_factory=ChaosSettings)
    time_scale: float = 60.0
    journal_path: str | None = None


def now_in_shanghai() -> datetime:
    """The current moment in Shanghai, to the second, as the mall's clock records it."""
    return datetime.now(SHANGHAI).replace(microsecond=0)


def open_mall(settings: LiveSettings, now: datetime) -> tuple[list[Event], MallState, Simulation]:
    """The mall's past (from the journal if there is one, else a fresh history of the last
    `history_days` days), its state, and the simulation ready to go on from now."""
    history_settings = settings.history
    history_settings.invite_codes = list(settings.invite_codes)
    simulation_settings = SimulationSettings(
        seed=history_settings.seed, invite_codes=list(settings.invite_codes), invite_share=history_settings.invite_share
    )
    if settings.journal_path and os.path.exists(settings.journal_path) and os.path.getsize(settings.journal_path):
        events = read_events(settings.journal_path)
        state = MallState.from_events(events)
        products = [
            product_from_record(record, seed=history_settings.seed) for record in state.records["products"].values()
        ]
        simulation = Simulation(
            rng=random.Random(f"{history_settings.seed}:{now.isoformat()}"),
            settings=simulation_settings,
            products=products,
        )
        simulation.settings.time_scale = settings.time_scale
        simulation.resume(state, now)
        simulation.logins = {
            (event["data"]["customer_id"], parse_time(event["data"]["logged_in_at"]))
            for event in events
            if event["type"] == "customer.logged_in"
        }
        logger.info("resumed %d events from %s", len(events), settings.journal_path)
        return events, state, simulation
    events, simulation = build_history(
        start=now - timedelta(days=settings.history_days),
        end=now,
        settings=history_settings,
        simulation_settings=simulation_settings,
    )
    simulation.settings.time_scale = settings.time_scale
    if settings.journal_path:
        os.makedirs(os.path.dirname(os.path.abspath(settings.journal_path)), exist_ok=True)
        write_events(settings.journal_path, events)
    logger.info("generated %d events of history over %d days", len(events), settings.history_days)
    return events, MallState.from_events(events), simulation


class LiveMall:
    """Generates events in real time at about `rate` events a second."""

    def __init__(
        self, *, simulation: Simulation, state: MallState, settings: LiveSettings, last_now: datetime | None = None
    ) -> None:
        self.simulation = simulation
        self.state = state
        self.settings = settings
        self.allowance = 0.0
        self.last_day = now_in_shanghai().date()
        self.last_now = last_now

    def tick(self, now: datetime) -> list[Event]:
        """This second's events, in time order, applied to the state and journalled."""
        # One tick a second at most: two ticks at one moment would repeat facts.
        now = max(now, self.last_now + timedelta(seconds=1)) if self.last_now else now
        self.last_now = now
        events = self.simulation.due(now)
        if now.date() != self.last_day:
            events += self.simulation.count_stock(now)
            self.last_day = now.date()
        self.allowance += self.settings.rate * TICK_SECONDS - len(events)
        kinds, weights = list(LIVE_ACTION_WEIGHTS), list(LIVE_ACTION_WEIGHTS.values())
        while self.allowance > 0:
            kind = self.simulation.rng.choices(kinds, weights=weights)[0]
            if kind == "stock":
                product_id = self.simulation.rng.choice(list(self.simulation.products))
                produced = self.simulation.count_stock(now, [product_id])
            else:
                produced = perform(self.simulation, kind, now)
            self.allowance -= max(len(produced), 1)
            events += produced
        # The same fact twice in one second (two counts of one product) is one event.
        events = sorted({event["id"]: event for event in events}.values(), key=event_time)
        self.state.apply_all(events)
        if self.settings.journal_path:
            append_events(self.settings.journal_path, events)
        return events


def run_live(settings: LiveSettings, stop: threading.Event) -> DeliveryReport:
    """Runs until `stop` is set: serve the export API, push the past, then live events."""
    now = now_in_shanghai()
    past, state, simulation = open_mall(settings, now)
    server = ExportServer(
        state=state, token=settings.export_token, host=settings.export_host, port=settings.export_port
    ).start()
    logger.info("export API at %s/export/v1/", server.url)
    report = DeliveryReport()
    pusher = Pusher(
        crm_url=settings.crm_url,
        secret=settings.secret,
        batch_size=HISTORY_BATCH_SIZE,
        chaos=settings.chaos,
        max_attempts=None,
        maximum_backoff_seconds=5.0,
        rng=random.Random(settings.history.seed),
        stop=stop,
    )
    try:
        pusher.push(past, report)
        logger.info("history pushed: %s", report.summary())
        last_now = max((event_time(event) for event in past), default=None)
        live = LiveMall(simulation=simulation, state=state, settings=settings, last_now=last_now)
        next_tick = now_in_shanghai() + timedelta(seconds=TICK_SECONDS)
        while not stop.is_set():
            pusher.push(live.tick(now_in_shanghai()), report)
            next_tick += timedelta(seconds=TICK_SECONDS)
            wait = (next_tick - datetime.now(SHANGHAI)).total_seconds()
            if wait > 0 and stop.wait(wait):
                break
            if wait < -10:
                next_tick = now_in_shanghai() + timedelta(seconds=TICK_SECONDS)
    except PushStopped:
        pass
    finally:
        server.stop()
        logger.info("stopped: %s", report.summary())
    return report
