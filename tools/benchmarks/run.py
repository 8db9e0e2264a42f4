"""`make bench`: start the app (web + task consumer) on a fresh benchmark database, run the
connector's benchmark against it, keep the results in docs/benchmarks/*.json and rewrite
docs/benchmarks.md from them.

The database is CRM_DATABASE_URL when it is set (a PostgreSQL URL: its database is
dropped and created anew), else a SQLite file under var/bench/.

With CRM_BENCH_DATASET_URL (a database loaded by `manage.py load_dataset`, e.g. size L),
the lists', the statistics', the load test's and the page load's benchmarks run too, against that database
(migrated, never dropped; the daily customer review is run first so that churn warnings
exist, and the statistics rollups are rebuilt, timed, before the statistics are
measured, over periods that end where the dataset does: the day after its last paid
order). Their results are kept per dataset size (`lists-L.json`), so that S and L can
be compared. `--only lists,load` runs some of them.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path
from typing import Any

from tools.benchmarks import ingest, lists, load, machine, pages, report, statistics

REPOSITORY = Path(__file__).resolve().parents[2]
BACKEND = REPOSITORY / "backend"
PYTHON = str(REPOSITORY / ".venv" / "bin" / "python")
RESULTS = REPOSITORY / "docs" / "benchmarks"


def _fresh_environment(port: int) -> tuple[dict[str, str], str]:
    environment = {**os.environ, "CRM_PORT": str(port), "CRM_VAR_DIR": str(REPOSITORY / "var" / "bench")}
    url = os.environ.get("CRM_DATABASE_URL", "")
    shutil.rmtree(REPOSITORY / "var" / "bench", ignore_errors=True)
    (REPOSITORY / "var" / "bench").mkdir(parents=True)
    if url.startswith("postgres"):
        name = url.rsplit("/", 1)[1]
        server = url.rsplit("/", 1)[0] + "/postgres"
        for statement in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
            subprocess.run(["psql", server, "-qc", statement], check=True)
        return environment, "postgresql"
    environment["CRM_DATABASE_URL"] = f"sqlite:///{REPOSITORY / 'var' / 'bench' / 'bench.sqlite3'}"
    return environment, "sqlite"


def _wait_until_up(url: str) -> None:
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"{url}/api/v1/health", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the app did not start")


def start_app(environment: dict[str, str], port: int) -> tuple[subprocess.Popen[bytes], str]:
    app = subprocess.Popen(
        [
            PYTHON,
            str(REPOSITORY / "tools" / "run_processes.py"),
            f"web={REPOSITORY}/.venv/bin/gunicorn config.wsgi --config config/gunicorn.py",
            f"tasks={PYTHON} manage.py run_huey --quiet",
        ],
        cwd=BACKEND,
        env={**environment, "CRM_PORT": str(port)},
        stdout=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    _wait_until_up(url)
    return app, url


def stop_app(app: subprocess.Popen[bytes]) -> None:
    app.terminate()
    app.wait(timeout=20)


def _record(name: str, result: dict[str, Any]) -> dict[str, Any]:
    RESULTS.mkdir(parents=True, exist_ok=True)
    record = {"measured_at": time.strftime("%Y-%m-%d %H:%M %Z"), "machine": machine.describe(), **result}
    (RESULTS / f"{name}.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    return record


def bench_ingest(port: int, events: int) -> None:
    environment, engine = _fresh_environment(port)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=BACKEND, env=environment, check=True)
    app, url = start_app(environment, port)
    try:
        result = ingest.run(url, ingest.DEVELOPMENT_SECRET, events, 1000, seed=int(time.time()) % 100000)
    finally:
        stop_app(app)
    _print(_record(f"ingest-{engine}", result))


def _dataset_environment(dataset_url: str) -> dict[str, str]:
    (REPOSITORY / "var" / "bench").mkdir(parents=True, exist_ok=True)
    return {**os.environ, "CRM_DATABASE_URL": dataset_url, "CRM_VAR_DIR": str(REPOSITORY / "var" / "bench")}


def _manage(environment: dict[str, str], *command: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *command], cwd=BACKEND, env=environment, check=True, capture_output=True, text=True
    ).stdout


def dataset_of(environment: dict[str, str]) -> dict[str, Any]:
    """How big the loaded dataset is, and which of load_dataset's sizes it is."""
    counts = json.loads(_manage(environment, "shell", "-c", _DATASET_SIZE).strip().splitlines()[-1])
    name = min(DATASET_CUSTOMERS, key=lambda size: abs(DATASET_CUSTOMERS[size] - counts["customers"]))
    return {"name": name, **counts}


def bench_lists(port: int, dataset_url: str) -> None:
    environment = _dataset_environment(dataset_url)
    for command in (["migrate", "-v0"], ["review_customers"]):
        _manage(environment, *command)
    _vacuum(dataset_url)
    dataset = dataset_of(environment)
    app, url = start_app(environment, port)
    try:
        result = lists.run(url)
    finally:
        stop_app(app)
    _print(_record(f"lists-{dataset['name']}", {"dataset": dataset, **result}))


def _vacuum(dataset_url: str) -> None:
    """The review writes hundreds of thousands of churn cases: VACUUM sets their visibility
    map, so that the work-queue index answers alone, as it does on a working system."""
    if dataset_url.startswith("postgres"):
        subprocess.run(["psql", dataset_url, "-qc", "VACUUM ANALYZE"], check=True)


# Five requests per statistic and person: at dataset L some answers still take seconds, and
# 20 repeats of 100 cells ran for over an hour.
STATISTICS_REPEATS = 5


def bench_statistics(port: int, dataset_url: str) -> None:
    """The full rollup rebuild, timed, then every statistic against the rebuilt rollups."""
    environment = _dataset_environment(dataset_url)
    _manage(environment, "migrate", "-v0")
    started = time.perf_counter()
    _manage(environment, "rebuild_statistics")
    rebuild_seconds = round(time.perf_counter() - started, 1)
    _vacuum(dataset_url)
    dataset = dataset_of(environment)
    app, url = start_app(environment, port)
    try:
        end = date.fromisoformat(dataset["end"]) if dataset["end"] else statistics.DATASET_END
        result = statistics.run(url, end, statistics.PEOPLE, repeats=STATISTICS_REPEATS)
    finally:
        stop_app(app)
    _print(_record(f"statistics-{dataset['name']}", {"rebuild_seconds": rebuild_seconds, "dataset": dataset, **result}))


def _redis_url() -> str:
    """The production task queue (Redis-backed Huey, sessions cached) when Redis answers."""
    url = os.environ.get("CRM_REDIS_URL", "redis://127.0.0.1:6379/0")
    host, _, port = url.split("//", 1)[1].split("/", 1)[0].partition(":")
    try:
        socket.create_connection((host, int(port or 6379)), timeout=2).close()
    except OSError:
        return ""
    return url


LOAD_LOGIN_THROTTLE_RATE = "100000/min"


def bench_load(port: int, dataset_url: str) -> None:
    """The load test against the app as production runs it: gunicorn, the task consumer on
    Redis, the mall feeding it."""
    environment = _dataset_environment(dataset_url)
    _manage(environment, "migrate", "-v0")
    dataset = dataset_of(environment)
    redis_url = _redis_url()
    if redis_url:
        environment["CRM_REDIS_URL"] = redis_url
    # Every simulated person logs in from the load generator's one address.
    environment["CRM_LOGIN_THROTTLE_RATE"] = LOAD_LOGIN_THROTTLE_RATE
    app, url = start_app(environment, port)
    try:
        result = load.run(url)
    finally:
        stop_app(app)
    queue = "Redis (Huey), sessions cached in Redis" if redis_url else "SQLite (Huey)"
    _print(_record(f"load-{dataset['name']}", {"dataset": dataset, "task_queue": queue, **result}))


def bench_pages(port: int, dataset_url: str) -> None:
    """The page load in Chromium, the production build served by the app, the machine idle."""
    environment = _dataset_environment(dataset_url)
    dataset = dataset_of(environment)
    app, url = start_app(environment, port)
    try:
        result = pages.run(url, pages.USERNAME, pages.PASSWORD)
    finally:
        stop_app(app)
    _print(_record(f"pages-{dataset['name']}", {"dataset": dataset, **result}))


def _print(record: dict[str, Any]) -> None:
    print(json.dumps(record, indent=2, ensure_ascii=False))


# load_dataset's sizes by their customers (tools/datasets/sizes.py).
DATASET_CUSTOMERS = {"XS": 2_000, "S": 100_000, "L": 1_000_000}
# Its size, and its end: the business day after the last order paid (load_dataset's --end).
_DATASET_SIZE = (
    "import json; from datetime import timedelta; from django.db.models import Max; "
    "from django.utils.timezone import localdate; "
    "from crm.customers.models import Customer; from crm.commerce.models import Order; "
    "last = Order.objects.aggregate(last=Max('paid_at'))['last']; "
    "print(json.dumps({'customers': Customer.objects.count(), 'orders': Order.objects.count(), "
    "'end': (localdate(last) + timedelta(days=1)).isoformat() if last else None}))"
)
DATASET_BENCHMARKS = {
    "lists": bench_lists,
    "statistics": bench_statistics,
    "load": bench_load,
    "pages": bench_pages,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument(
        "--only",
        default="ingest," + ",".join(DATASET_BENCHMARKS),
        help="comma-separated: ingest, "
        + ", ".join(DATASET_BENCHMARKS)
        + " (the last ones need CRM_BENCH_DATASET_URL)",
    )
    arguments = parser.parse_args()
    chosen = arguments.only.split(",")
    unknown = set(chosen) - {"ingest", *DATASET_BENCHMARKS}
    if unknown:
        parser.error(f"unknown benchmarks: {', '.join(sorted(unknown))}")
    if "ingest" in chosen:
        bench_ingest(arguments.port, arguments.events)
    dataset_url = os.environ.get("CRM_BENCH_DATASET_URL", "")
    for name, bench in DATASET_BENCHMARKS.items():
        if name in chosen and dataset_url:
            bench(arguments.port, dataset_url)
    report.write(RESULTS, REPOSITORY / "docs" / "benchmarks.md")


if __name__ == "__main__":
    sys.exit(main())
