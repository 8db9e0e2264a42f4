"""`make bench`: start the app (web + task consumer) on a fresh benchmark database, run the
benchmarks against it, keep the results in docs/benchmarks/*.json and rewrite
docs/benchmarks.md from them.

The database is CRM_DATABASE_URL when it is set (a PostgreSQL URL: its database is
dropped and created anew), else a SQLite file under var/bench/.
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

from tools.benchmarks import ingest, report

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--events", type=int, default=20000)
    arguments = parser.parse_args()
    environment, engine = _fresh_environment(arguments.port)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=BACKEND, env=environment, check=True)
    app = subprocess.Popen(
        [
            PYTHON,
            str(REPOSITORY / "tools" / "run_processes.py"),
            f"web={REPOSITORY}/.venv/bin/gunicorn config.wsgi --config config/gunicorn.py",
            f"tasks={PYTHON} manage.py run_huey --quiet",
        ],
        cwd=BACKEND,
        env=environment,
        stdout=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{arguments.port}"
    try:
        _wait_until_up(url)
        result = ingest.run(url, ingest.DEVELOPMENT_SECRET, arguments.events, 1000, seed=int(time.time()) % 100000)
    finally:
        app.terminate()
        app.wait(timeout=20)
    RESULTS.mkdir(parents=True, exist_ok=True)
    record = {"measured_at": time.strftime("%Y-%m-%d %H:%M %Z"), "machine": report.machine(), **result}
    (RESULTS / f"ingest-{engine}.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    report.write(RESULTS, REPOSITORY / "docs" / "benchmarks.md")
    print(json.dumps(record, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
