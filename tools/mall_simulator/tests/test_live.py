"""The live mode pushes its history, then live events, serves the export API, stops on
request, and resumes from its journal without clashing with what it sent before."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from tools.mall_simulator.events import read_events
from tools.mall_simulator.history import HistorySettings
from tools.mall_simulator.live import LiveSettings, run_live
from tools.mall_simulator.pusher import DeliveryReport

from .conftest import SECRET, RecordingCrm


def run_for(seconds: float, settings: LiveSettings) -> DeliveryReport:
    stop = threading.Event()
    reports: list[DeliveryReport] = []
    thread = threading.Thread(target=lambda: reports.append(run_live(settings, stop)))
    thread.start()
    time.sleep(seconds)
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()
    return reports[0]


def test_live_mode_pushes_history_then_live_events_and_resumes(crm: RecordingCrm, tmp_path: Path) -> None:
    journal = tmp_path / "journal.jsonl"
    settings = LiveSettings(
        crm_url=crm.url,
        secret=SECRET,
        export_token="token",
        invite_codes=["A"],
        rate=30,
        export_port=0,
        history_days=3,
        history=HistorySettings(customers=20, products=15, orders_per_day=8),
        time_scale=3600,
        journal_path=str(journal),
    )

    first = run_for(2.5, settings)
    history_size = sum(len(request.events) for request in crm.requests[:1])
    journalled = read_events(str(journal))
    assert first.statuses["rejected"] == 0 and not first.failed_batches
    assert first.statuses["accepted"] == len(journalled) > history_size
    assert {"order.created", "customer.logged_in"} <= {event["type"] for event in journalled[history_size:]}

    second = run_for(1.5, settings)
    assert second.statuses["rejected"] == 0
    assert second.statuses["duplicate"] >= len(journalled)
    assert len({event["id"] for event in read_events(str(journal))}) == len(read_events(str(journal)))
