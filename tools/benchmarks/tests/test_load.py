"""The load test's harness (tools/benchmarks/load.py), run small so it cannot rot: the real
app (gunicorn and the task consumer) on a fresh SQLite file with the XS dataset; locust logs
in people of every role and does their day's work while the mall feed pushes orders. Every
phase reports its figures and nothing fails; what the load wrote is there through the API.
The figures themselves are `make bench`'s business, not a test's."""

import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tools.benchmarks import load, run
from tools.benchmarks.lists import Session

CORE_ENDPOINTS = {"customers: list", "customer: detail", "orders: list", "statistics: dashboard"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Its own SQLite file with the XS dataset (a year up to load_dataset's default end),
    whatever database the suite itself runs on."""
    folder = tmp_path_factory.mktemp("load")
    environment = {
        **{key: value for key, value in os.environ.items() if key not in ("CRM_DATABASE_URL", "CRM_REDIS_URL")},
        "CRM_DATABASE_URL": f"sqlite:///{folder / 'crm.sqlite3'}",
        "CRM_VAR_DIR": str(folder),
        "CRM_LOGIN_THROTTLE_RATE": run.LOAD_LOGIN_THROTTLE_RATE,
    }
    for command in (["migrate", "-v0"], ["load_dataset", "--size", "XS", "--years", "1"]):
        subprocess.run(
            [run.PYTHON, "manage.py", *command], cwd=run.BACKEND, env=environment, check=True, stdout=subprocess.DEVNULL
        )
    return environment


@pytest.fixture(scope="module")
def crm_url(environment: dict[str, str]) -> Iterator[str]:
    """The app on that file."""
    app, url = run.start_app(environment, _free_port())
    try:
        yield url
    finally:
        run.stop_app(app)


def _endpoints(result: dict[str, Any]) -> set[str]:
    return {
        name
        for phase in [*result["phases"], *result["step_up"]]
        for name, figures in phase["endpoints"].items()
        if figures["requests"]
    }


def test_the_statistics_are_measured_up_to_the_datasets_end(environment: dict[str, str]) -> None:
    # Before the load test below pays orders today: the loaded orders end on 31 October.
    dataset = run.dataset_of(environment)

    assert dataset["end"] == "2026-11-01"
    assert dataset["name"] == "XS"


def test_people_of_every_role_work_while_the_mall_pushes_orders(crm_url: str) -> None:
    admin = Session(crm_url, "admin")
    follow_ups_before = admin.get("/api/v1/follow-ups/")["count"]

    result = load.run(crm_url, users=4, think_seconds=0.5, seconds=8, steps=1, orders_per_second=2)

    phases = [*result["phases"], *result["step_up"]]
    assert [phase["label"] for phase in phases] == ["with think time", "without think time", "step 8"]
    for phase in phases:
        assert phase["total"]["requests"] > 0, phase["label"]
        assert phase["failures"] == [], phase["failures"]
        assert 0 < phase["cpu_share"] <= 1
        # Only a user's setup reads the dictionary: the figures start once every user has set up.
        assert "dictionary" not in phase["endpoints"], phase["label"]
    assert _endpoints(result) >= CORE_ENDPOINTS
    assert admin.get("/api/v1/follow-ups/")["count"] > follow_ups_before

    feed = result["mall_feed"]
    assert feed["events"] > 0
    assert feed["answers"] == {"accepted": feed["events"]}
    assert feed["failed_batches"] == 0
    assert admin.get("/api/v1/orders/", {"order_number": "LT"})["count"] > 0
    assert admin.get("/api/v1/orders/", {"order_number": "LT", "status": "paid"})["count"] > 0

    lines = load.report_section({**result, "measured_at": "today", "dataset": {"customers": 2000, "orders": 20000}})
    assert lines[0] == "## Under load: 100 people at once, and more"
    assert [line.split(" |")[0] for line in lines if line.startswith(("| with", "| without", "| step"))] == [
        "| with think time",
        "| without think time",
        "| step 8",
    ]
    assert any(line.startswith("| customers: list | ") for line in lines)


def test_people_are_read_by_role_as_an_admin_sees_them(crm_url: str) -> None:
    people = load.people(Session(crm_url, "admin"))

    assert set(people) == set(load.ROLES)
    assert "admin" in people["admin"]
    assert "rep_li" in people["sales_rep"]
    assert all(people[role] for role in load.ROLES)


def test_a_step_saturates_when_throughput_stops_growing_the_cpu_is_spent_or_requests_fail() -> None:
    def step(per_second: float, cpu_share: float = 0.5, failures: int = 0) -> dict[str, Any]:
        return {"cpu_share": cpu_share, "total": {"requests": 1000, "failures": failures, "per_second": per_second}}

    assert not load.saturated(None, step(50))
    assert not load.saturated(step(50), step(90))
    assert load.saturated(step(50), step(60))
    assert load.saturated(None, step(50, cpu_share=0.97))
    assert load.saturated(None, step(50, failures=11))


def _generator(counting: Path, *, busy_before: float, busy_after: float) -> subprocess.Popen[bytes]:
    """A stand-in for locust: it spins a core, writes the counting file, spins again."""
    script = (
        "import pathlib, time\n"
        "def spin(seconds):\n"
        "    end = time.monotonic() + seconds\n"
        "    while time.monotonic() < end: pass\n"
        f"spin({busy_before})\n"
        f"pathlib.Path({str(counting)!r}).touch()\n"
        f"time.sleep(1.5)\n"
        f"spin({busy_after})\n"
    )
    return subprocess.Popen([run.PYTHON, "-c", script])


def test_the_load_generators_cpu_counts_from_when_the_figures_start(tmp_path: Path) -> None:
    counting = tmp_path / "counting"

    _, before = load._cpu_while_counting(_generator(counting, busy_before=3, busy_after=0), counting, timeout=60)
    _, after = load._cpu_while_counting(
        _generator(counting.with_name("after"), busy_before=0, busy_after=3), counting.with_name("after"), timeout=60
    )

    # Its setup spun a core for 3 s: none of it is counted once the figures start.
    assert before[load.LOAD_GENERATOR] < 0.05
    # Spinning after the start is counted, read while it still ran.
    assert after[load.LOAD_GENERATOR] > 0.15


def test_the_scenario_is_a_locustfile_locust_can_list() -> None:
    listed = subprocess.run(
        [run.PYTHON, "-m", "locust", "-f", str(load.SCENARIO), "--list"], capture_output=True, text=True, check=True
    )
    assert {"Rep", "Supervisor", "Manager", "Admin"} <= set(listed.stdout.split())
    assert Path(load.SCENARIO).exists()
