"""The connector's benchmark: how fast the CRM accepts signed batches, how fast it applies
them, and how soon one event is visible, against a real app (web + task consumer) on the
configured database. DESIGN.md's targets: accept ≥ 1,000 events/s, apply ≥ 300 events/s,
an event visible within 5 s.

    python -m tools.benchmarks.ingest --crm-url http://127.0.0.1:8000 --events 20000 --out var/bench/ingest.json
"""

import argparse
import json
import time
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tools.mall_simulator.events import SHANGHAI, format_time
from tools.mall_simulator.history import HistorySettings, generate_history
from tools.mall_simulator.signing import signature_headers

DEVELOPMENT_SECRET = "whsec_ZGV2ZWxvcG1lbnQtb25seS1tYWxsLXdlYmhvb2sta2V5IQ=="


def _post(crm_url: str, secret: str, events: list[dict[str, Any]], delivery_id: str) -> dict[str, Any]:
    body = json.dumps({"events": events}, ensure_ascii=False).encode()
    headers = {
        "content-type": "application/json",
        **signature_headers(secret=secret, webhook_id=delivery_id, body=body),
    }
    request = urllib.request.Request(f"{crm_url}/api/v1/mall/events", data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


def _backlog(crm_url: str) -> int:
    with urllib.request.urlopen(f"{crm_url}/api/v1/health", timeout=30) as response:
        sync = json.loads(response.read())["sync"]
    return int(sync["pending"])


def _wait_applied(crm_url: str, timeout: float) -> float:
    started = time.monotonic()
    while _backlog(crm_url) > 0:
        if time.monotonic() - started > timeout:
            raise TimeoutError("the backlog did not drain")
        time.sleep(0.05)
    return time.monotonic() - started


def run(crm_url: str, secret: str, events: int, batch: int, seed: int) -> dict[str, Any]:
    end = datetime(2026, 10, 1, tzinfo=SHANGHAI)
    history: list[dict[str, Any]] = []
    days = 30
    while len(history) < events:
        settings = HistorySettings(customers=events // 12, products=200, orders_per_day=events / 60, seed=seed)
        history = generate_history(start=end - timedelta(days=days), end=end, settings=settings)
        days *= 2
    history = history[:events]

    # Accept: the time the webhook takes to validate and store, batch after batch.
    started = time.monotonic()
    for number in range(0, len(history), batch):
        answer = _post(crm_url, secret, history[number : number + batch], f"msg_bench_{seed}_{number}")
        assert all(result["status"] == "accepted" for result in answer["results"]), answer["results"][:3]
    accept_seconds = time.monotonic() - started
    # Apply: from the last batch accepted until nothing is pending (the applier started with the first).
    drain_seconds = _wait_applied(crm_url, timeout=3600)
    apply_seconds = accept_seconds + drain_seconds

    # Visibility: single events on an idle CRM, from sending to applied.
    latencies = []
    for number in range(20):
        login_at = format_time(end + timedelta(minutes=number + 1))
        customer = next(event for event in history if event["type"] == "customer.registered")["data"]["customer_id"]
        event = {
            "id": f"evt_bench_visible_{seed}_{number}",
            "type": "customer.logged_in",
            "occurred_at": login_at,
            "data": {"customer_id": customer, "logged_in_at": login_at},
        }
        sent = time.monotonic()
        _post(crm_url, secret, [event], f"msg_bench_visible_{seed}_{number}")
        _wait_applied(crm_url, timeout=60)
        latencies.append(time.monotonic() - sent)
    latencies.sort()
    return {
        "events": len(history),
        "batch_size": batch,
        "accept_seconds": round(accept_seconds, 2),
        "accept_per_second": round(len(history) / accept_seconds),
        "apply_seconds": round(apply_seconds, 2),
        "apply_per_second": round(len(history) / apply_seconds),
        "visible_p50_seconds": round(latencies[len(latencies) // 2], 3),
        "visible_max_seconds": round(latencies[-1], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--crm-url", default="http://127.0.0.1:8000")
    parser.add_argument("--secret", default=DEVELOPMENT_SECRET)
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100000)
    parser.add_argument("--out", required=True)
    arguments = parser.parse_args()
    result = run(arguments.crm_url, arguments.secret, arguments.events, arguments.batch, arguments.seed)
    Path(arguments.out).parent.mkdir(parents=True, exist_ok=True)
    Path(arguments.out).write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
