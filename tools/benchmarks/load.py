"""The load test: many people at once on a loaded dataset, while the mall pushes orders.
Three phases, each a locust run of `load_scenario.py`, everyone logged in beforehand (the
working day, not the morning's logins) and the figures start anew once every user has set up
(read the customers and orders they work on):

1. 100 users with think time (2–10 s between actions): DESIGN.md's p95 ≤ 60 ms for list,
   search and detail;
2. 100 connections without think time: p95 ≤ 400 ms;
3. a step-up of users with think time, doubling from the first phase's until the machine
   saturates: throughput stops growing with the users, the CPU is spent, or requests fail.

Per endpoint: p50/p95/p99, throughput and errors; per phase the CPU the whole machine used
over the same stretch as the figures (app, database, task consumer and the load generator
itself share it).

    python -m tools.benchmarks.load --crm-url http://127.0.0.1:8090 --out var/bench/load.json
"""

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.benchmarks import cpu, machine
from tools.benchmarks.lists import Session
from tools.benchmarks.mall_feed import MallFeed, product_from_line

SCENARIO = Path(__file__).with_name("load_scenario.py")
ROLES = ["sales_rep", "supervisor", "department_manager", "admin"]
DEVELOPMENT_SECRET = "whsec_ZGV2ZWxvcG1lbnQtb25seS1tYWxsLXdlYmhvb2sta2V5IQ=="
# The step-up stops at the first step that saturates: doubling the users gave less than
# 1.3 times the throughput, the machine's CPU was this busy, or this share of requests failed.
SATURATED_GROWTH = 1.3
SATURATED_CPU_SHARE = 0.95
SATURATED_ERROR_SHARE = 0.01
# The kinds of request DESIGN.md's list budget covers (p95 ≤ 60 ms with think time).
LIST_ENDPOINTS = ("customers:", "customer:", "orders:", "order:", "churn warnings")
LOAD_GENERATOR = "load generator"
# How often the CPU is read while a phase runs: its last reading before locust ends is kept.
CPU_READING_SECONDS = 1.0


@dataclass(frozen=True)
class Phase:
    """One locust run: `users` people, `think_seconds` apart on average (0: none)."""

    label: str
    users: int
    think_seconds: float
    seconds: int
    spawn_rate: float


def people(session: Session) -> dict[str, list[str]]:
    """The active people of each role the scenario logs in as, read as an admin."""
    roles = {role["code"]: role["id"] for role in session.get("/api/v1/roles/", {"page_size": 200})["results"]}
    found: dict[str, list[str]] = {}
    for code in ROLES:
        query = {"role": roles[code], "is_active": "true", "page_size": 200}
        found[code] = [user["username"] for user in session.get("/api/v1/users/", query)["results"]]
    return found


def signed_in(crm_url: str, people_by_role: dict[str, list[str]]) -> dict[str, list[dict[str, Any]]]:
    """Everyone logged in once before the phases, as people are at their desks all day: a
    login hashes the password (Argon2, by design slow), and a hundred at once would be a
    morning's login storm, not the working day the phases measure. Each person's session
    cookies, for the scenario's users to carry."""
    sessions: dict[str, list[dict[str, Any]]] = {}
    for role, usernames in people_by_role.items():
        sessions[role] = []
        for username in usernames:
            session = Session(crm_url, username)
            cookies = [
                {"name": cookie.name, "value": cookie.value, "domain": cookie.domain, "path": cookie.path}
                for cookie in session.cookies
            ]
            sessions[role].append({"username": username, "cookies": cookies})
    return sessions


def feed_for(session: Session, crm_url: str, secret: str, orders_per_second: float) -> MallFeed:
    """A mall feed for customers and products the CRM has (from its lists, as an admin)."""
    customers = [row["mall_customer_id"] for row in session.get("/api/v1/customers/", {"page_size": 200})["results"]]
    products = {}
    for order in session.get("/api/v1/orders/", {"page_size": 20})["results"]:
        for line in session.get(f"/api/v1/orders/{order['id']}/")["items"]:
            products[line["mall_product_id"]] = product_from_line(line)
    return MallFeed(crm_url, secret, customers, list(products.values()), orders_per_second=orders_per_second)


def _figures(row: dict[str, str]) -> dict[str, Any]:
    count = int(row["Request Count"])
    return {
        "requests": count,
        "failures": int(row["Failure Count"]),
        "per_second": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]) if count else 0.0,
        "p95_ms": float(row["95%"]) if count else 0.0,
        "p99_ms": float(row["99%"]) if count else 0.0,
    }


def _cpu_while_counting(
    locust: subprocess.Popen[bytes], counting: Path, timeout: float
) -> tuple[float, dict[str, float]]:
    """The machine's CPU from when the figures start (the scenario writes `counting` once
    every user has set up; from the start if it never does) until locust ends, read while
    locust still runs, since a process's CPU time is gone once it has ended."""
    deadline = time.monotonic() + timeout
    meter = cpu.Meter({locust.pid: LOAD_GENERATOR})
    started = False
    reading = meter.read()
    while locust.poll() is None:
        if time.monotonic() > deadline:
            locust.kill()
            raise subprocess.TimeoutExpired(locust.args, timeout)
        if not started and counting.exists():
            meter, started = cpu.Meter({locust.pid: LOAD_GENERATOR}), True
        latest = meter.read()
        if locust.poll() is None:  # locust's own time is in this reading
            reading = latest
        time.sleep(CPU_READING_SECONDS)
    return reading


def run_phase(crm_url: str, people_file: Path, phase: Phase, folder: Path) -> dict[str, Any]:
    """One locust run; its figures per endpoint and in all, and what failed."""
    prefix = folder / phase.label.replace(" ", "_")
    counting = prefix.with_name(f"{prefix.name}_counting")
    command = [
        *(sys.executable, "-m", "locust", "-f", str(SCENARIO), "--headless", "--host", crm_url),
        *("--people", str(people_file), "--think-seconds", str(phase.think_seconds)),
        *("--users", str(phase.users), "--spawn-rate", str(phase.spawn_rate), "--run-time", f"{phase.seconds}s"),
        *("--reset-stats", "--csv", str(prefix), "--only-summary", "--loglevel", "ERROR", "--stop-timeout", "10"),
        *("--counting-file", str(counting)),
    ]
    locust = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    cpu_share, shares = _cpu_while_counting(locust, counting, timeout=phase.seconds + 600)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    with open(f"{prefix}_failures.csv", encoding="utf-8") as file:
        failures = [
            {"endpoint": row["Name"], "error": row["Error"][:300], "count": int(row["Occurrences"])}
            for row in csv.DictReader(file)
        ]
    # An endpoint asked only before the figures started anew is listed with no requests: left out.
    endpoints = {
        row["Name"]: _figures(row) for row in rows if row["Name"] != "Aggregated" and int(row["Request Count"])
    }
    total = next(_figures(row) for row in rows if row["Name"] == "Aggregated")
    return {
        "label": phase.label,
        "users": phase.users,
        "think_seconds": phase.think_seconds,
        "seconds": phase.seconds,
        "cpu_share": cpu_share,
        "cpu_by_process": shares,
        "total": total,
        "endpoints": dict(sorted(endpoints.items())),
        "failures": sorted(failures, key=lambda failure: -failure["count"])[:10],
    }


def saturated(previous: dict[str, Any] | None, step: dict[str, Any]) -> bool:
    """Whether this step of the step-up has saturated the machine (see the thresholds)."""
    total = step["total"]
    if total["requests"] and total["failures"] / total["requests"] > SATURATED_ERROR_SHARE:
        return True
    if step["cpu_share"] >= SATURATED_CPU_SHARE:
        return True
    return previous is not None and total["per_second"] < previous["total"]["per_second"] * SATURATED_GROWTH


def run(
    crm_url: str,
    *,
    users: int = 100,
    think_seconds: float = 6.0,
    seconds: int = 120,
    steps: int = 4,
    orders_per_second: float = 1.0,
    secret: str = DEVELOPMENT_SECRET,
) -> dict[str, Any]:
    """The three phases with the mall feeding the CRM throughout."""
    admin = Session(crm_url, "admin")
    feed = feed_for(admin, crm_url, secret, orders_per_second)
    spawn_rate = max(1.0, users / 10)
    with tempfile.TemporaryDirectory(prefix="mallcrm-load-") as folder_name:
        folder = Path(folder_name)
        people_file = folder / "people.json"
        people_file.write_text(json.dumps(signed_in(crm_url, people(admin)), ensure_ascii=False))
        feed.start()
        started = time.monotonic()
        try:
            phases = [
                run_phase(
                    crm_url, people_file, Phase("with think time", users, think_seconds, seconds, spawn_rate), folder
                ),
                run_phase(crm_url, people_file, Phase("without think time", users, 0, seconds, spawn_rate), folder),
            ]
            # The step-up doubles from the first phase, which is its first step.
            step_up: list[dict[str, Any]] = []
            previous = phases[0]
            for number in range(1, steps + 1):
                step_users = users * 2**number
                phase = Phase(f"step {step_users}", step_users, think_seconds, seconds, spawn_rate * 2**number)
                step = run_phase(crm_url, people_file, phase, folder)
                step["saturated"] = saturated(previous, step)
                step_up.append(step)
                if step["saturated"]:
                    break
                previous = step
        finally:
            delivered = feed.finish()
        feed_seconds = time.monotonic() - started
    return {
        "users": users,
        "think_seconds": think_seconds,
        "phase_seconds": seconds,
        "phases": phases,
        "step_up": step_up,
        "mall_feed": {
            "orders_per_second": orders_per_second,
            "seconds": round(feed_seconds),
            "events": delivered.delivered_events,
            "answers": dict(delivered.statuses),
            "failed_batches": len(delivered.failed_batches),
            "backlog_after": admin.get("/api/v1/health")["sync"]["pending"],
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--crm-url", default="http://127.0.0.1:8090")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=120, help="length of each phase")
    parser.add_argument("--steps", type=int, default=4, help="most steps of the step-up")
    parser.add_argument("--orders-per-second", type=float, default=1.0)
    parser.add_argument("--out", required=True)
    arguments = parser.parse_args()
    result = run(
        arguments.crm_url,
        users=arguments.users,
        seconds=arguments.seconds,
        steps=arguments.steps,
        orders_per_second=arguments.orders_per_second,
    )
    Path(arguments.out).parent.mkdir(parents=True, exist_ok=True)
    Path(arguments.out).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()


LIST_BUDGET_MS = {"with think time": 60, "without think time": 400}


def _budget_mark(endpoint: str, phase: dict[str, Any]) -> str:
    budget = LIST_BUDGET_MS.get(phase["label"])
    if budget is None or not endpoint.startswith(LIST_ENDPOINTS):
        return ""
    return " ✅" if phase["endpoints"][endpoint]["p95_ms"] <= budget else " ❌"


def _phase_row(phase: dict[str, Any]) -> str:
    total = phase["total"]
    errors = total["failures"] / total["requests"] if total["requests"] else 0
    by_process = ", ".join(
        f"{group} {share:.0%}" for group, share in phase.get("cpu_by_process", {}).items() if share >= 0.005
    )
    return (
        f"| {phase['label']} | {phase['users']} | {total['per_second']:,} | {total['p50_ms']:,.0f} | "
        f"{total['p95_ms']:,.0f} | {total['p99_ms']:,.0f} | {errors:.2%} | {phase['cpu_share']:.0%} | {by_process} |"
    )


def report_section(record: dict[str, Any]) -> list[str]:
    """docs/benchmarks.md's load section: the phases, every endpoint under the first two, and
    the step-up with its saturation point."""
    feed = record["mall_feed"]
    answers = ", ".join(f"{count:,} {answer}" for answer, count in sorted(feed["answers"].items()))
    dataset = record.get("dataset", {})
    lines = [
        "## Under load: 100 people at once, and more",
        "",
        f"locust (`tools/benchmarks/load_scenario.py`) on the loaded dataset ({dataset.get('customers', 0):,} "
        f"customers, {dataset.get('orders', 0):,} orders), measured {record['measured_at']}: people of every role "
        f"(70 reps, 18 supervisors, 8 department managers, 4 admins in a hundred), each working as a real person "
        f"of the organisation, logged in once before the phases, {record['think_seconds'] / 3:g}–"
        f"{record['think_seconds'] * 5 / 3:g} s between actions in the phases with think time (decision 0013); "
        f"{record['phase_seconds']} s per phase, figures and CPU from the moment every user had set up (read the "
        "customers and orders they work on). "
        f"The mall fed new orders throughout ({feed['orders_per_second']:g} a second, each "
        f"paid 5 s later, with a customer's login): {feed['events']:,} events, {answers}; "
        f"{feed['failed_batches']} batches failed, {feed['backlog_after']} events waiting at the end. Task queue: "
        f"{record.get('task_queue', 'sqlite')}. The load generator ran on the same machine.{machine.note(record)}",
        "",
        "| phase | users | requests/s | p50 ms | p95 ms | p99 ms | errors | CPU | of which |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        *(_phase_row(phase) for phase in [*record["phases"], *record["step_up"]]),
        "",
    ]
    saturated_at = next((step for step in record["step_up"] if step["saturated"]), None)
    if saturated_at is not None:
        lines += [f"Saturated at {saturated_at['users']} users (see the thresholds in `load.py`).", ""]
    first, second = record["phases"]
    lines += [
        "Per endpoint, p95 (p50) in ms; the marks are DESIGN.md's list, search and detail budget "
        f"(p95 ≤ {LIST_BUDGET_MS[first['label']]} ms with think time, ≤ {LIST_BUDGET_MS[second['label']]} ms "
        "without).",
        "",
        f"| endpoint | {first['label']} | {second['label']} |",
        "| --- | --- | --- |",
    ]
    for endpoint in sorted(set(first["endpoints"]) | set(second["endpoints"])):
        cells = []
        for phase in (first, second):
            figures = phase["endpoints"].get(endpoint)
            if not figures or not figures["requests"]:
                cells.append("–")
                continue
            cells.append(f"{figures['p95_ms']:,.0f} ({figures['p50_ms']:,.0f}){_budget_mark(endpoint, phase)}")
        lines.append(f"| {endpoint} | " + " | ".join(cells) + " |")
    return lines
