"""`make bench`: start the app (web + task consumer) on a fresh benchmark database, run the
connector's benchmark against it, keep the results in docs/benchmarks/*.json and rewrite
docs/benchmarks.md from them.

The database is CRM_DATABASE_URL when it is set (a PostgreSQL URL: its database is
dropped and created anew), else a SQLite file under var/bench/.

With CRM_BENCH_DATASET_URL (a database loaded by `manage.py load_dataset`, e.g. size L),
the lists' and the statistics' benchmarks run too, against that database (migrated, never
dropped; the daily customer review is run first so that churn warnings exist, and the
statistics rollups are rebuilt, timed, before the statistics are measured).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from tools.benchmarks import ingest, lists, report, statistics

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


def _start_app(environment: dict[str, str], port: int) -> tuple[subprocess.Popen[bytes], str]:
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


def _stop(app: subprocess.Popen[bytes]) -> None:
    app.terminate()
    app.wait(timeout=20)


def _record(name: str, result: dict[str, Any]) -> dict[str, Any]:
    RESULTS.mkdir(parents=True, exist_ok=True)
    record = {"measured_at": time.strftime("%Y-%m-%d %H:%M %Z"), "machine": report.machine(), **result}
    (RESULTS / f"{name}.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    return record


def bench_ingest(port: int, events: int) -> None:
    environment, engine = _fresh_environment(port)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=BACKEND, env=environment, check=True)
    app, url = _start_app(environment, port)
    try:
        result = ingest.run(url, ingest.DEVELOPMENT_SECRET, events, 1000, seed=int(time.time()) % 100000)
    finally:
        _stop(app)
    print(json.dumps(_record(f"ingest-{engine}", result), indent=2, ensure_ascii=False))


def bench_lists(port: int, dataset_url: str) -> None:
    environment = {**os.environ, "CRM_DATABASE_URL": dataset_url, "CRM_VAR_DIR": str(REPOSITORY / "var" / "bench")}
    (REPOSITORY / "var" / "bench").mkdir(parents=True, exist_ok=True)
    for command in (["migrate", "-v0"], ["review_customers"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=BACKEND, env=environment, check=True)
    _vacuum(dataset_url)
    size = (
        subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", _DATASET_SIZE],
            cwd=BACKEND,
            env=environment,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )  # after the shell's own greeting
    app, url = _start_app(environment, port)
    try:
        result = lists.run(url)
    finally:
        _stop(app)
    print(json.dumps(_record("lists", {"dataset": json.loads(size), **result}), indent=2, ensure_ascii=False))


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
    environment = {**os.environ, "CRM_DATABASE_URL": dataset_url, "CRM_VAR_DIR": str(REPOSITORY / "var" / "bench")}
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=BACKEND, env=environment, check=True)
    started = time.perf_counter()
    subprocess.run([PYTHON, "manage.py", "rebuild_statistics"], cwd=BACKEND, env=environment, check=True)
    rebuild_seconds = round(time.perf_counter() - started, 1)
    _vacuum(dataset_url)
    app, url = _start_app(environment, port)
    try:
        result = statistics.run(url, statistics.DATASET_END, statistics.PEOPLE, repeats=STATISTICS_REPEATS)
    finally:
        _stop(app)
    record = _record("statistics", {"rebuild_seconds": rebuild_seconds, **result})
    print(json.dumps(record, indent=2, ensure_ascii=False))


_DATASET_SIZE = (
    "import json; from crm.customers.models import Customer; from crm.commerce.models import Order; "
    "print(json.dumps({'customers': Customer.objects.count(), 'orders': Order.objects.count()}))"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--skip-ingest", action="store_true", help="only the lists (needs CRM_BENCH_DATASET_URL)")
    arguments = parser.parse_args()
    if not arguments.skip_ingest:
        bench_ingest(arguments.port, arguments.events)
    dataset_url = os.environ.get("CRM_BENCH_DATASET_URL", "")
    if dataset_url:
        bench_lists(arguments.port, dataset_url)
        bench_statistics(arguments.port, dataset_url)
    report.write(RESULTS, REPOSITORY / "docs" / "benchmarks.md")


if __name__ == "__main__":
    sys.exit(main())
