"""A working day at MallCRM, for locust: the reps, supervisors, department managers and
admins of an organisation loaded by `manage.py load_dataset`, each simulated user working
as one of its real people (their session cookie and CSRF token, as the SPA uses them), doing
what they do all day: customer lists and searches, a customer's page, follow-ups,
reassignments, order lists and details, the dashboard, statistics and exports. Every
request is named by what the user did ("customers: search by name"), so the figures are
per endpoint and comparable with the lists' benchmark.

    locust -f tools/benchmarks/load_scenario.py --headless --host http://127.0.0.1:8090 \\
        --people var/bench/people.json --think-seconds 6 -u 100 -r 10 -t 3m

`tools.benchmarks.load` runs the phases (with and without think time, a step-up) and keeps
the results; this file is what one user does.
"""

import http.cookiejar
import itertools
import json
import random
import urllib.parse
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from locust import FastHttpUser, events, task
from locust.env import Environment

SHANGHAI = ZoneInfo("Asia/Shanghai")
# The SPA's page size; a person also pages through their book now and then.
PAGE_SIZE = 20
_pools: dict[str, Iterator[dict[str, Any]]] = {}
_users_set_up = itertools.count(1)


@events.init_command_line_parser.add_listener
def _options(parser: Any) -> None:
    parser.add_argument(
        "--people", default="", help="JSON file: role code → people (username, session cookies) to work as"
    )
    parser.add_argument(
        "--think-seconds", type=float, default=6.0, help="mean pause between a person's actions; 0: none"
    )
    parser.add_argument(
        "--counting-file", default="", help="a file written when the figures start (every user has set up)"
    )


def _next_person(environment: Environment, role: str) -> dict[str, Any]:
    """People of a role in turn, so that 70 reps are 70 different reps (with more users than
    people, a person's session serves several)."""
    if role not in _pools:
        with open(environment.parsed_options.people, encoding="utf-8") as file:
            people = json.load(file)
        _pools[role] = itertools.cycle(people[role])
    return next(_pools[role])


def _set_up(environment: Environment) -> None:
    """Counts a user who has read what they work on; when the last has, the figures start
    anew. Locust's own reset comes when the last user is spawned, before that user's setup
    reads (100-row lists, and a hundred of them within the spawn's ten seconds) have
    answered; those would count in the phase's tails as if they were the day's work."""
    runner = environment.runner
    if runner is not None and next(_users_set_up) == runner.target_user_count:
        runner.stats.reset_all()
        if environment.parsed_options.counting_file:  # the harness's CPU meter starts with the figures
            Path(environment.parsed_options.counting_file).touch()


def periods(today: date) -> dict[str, dict[str, str]]:
    """The statistics' presets as the UI sends them on `today` (period.ts: 本月, 上月, 本季度,
    今年, 近12个月, 近3年), each with the grain its chart starts in."""
    month = today.replace(day=1)
    next_month = (month + timedelta(days=32)).replace(day=1)
    last_month = (month - timedelta(days=1)).replace(day=1)
    quarter = month.replace(month=(month.month - 1) // 3 * 3 + 1)
    quarter_end = (quarter + timedelta(days=93)).replace(day=1)
    tomorrow = today + timedelta(days=1)

    def years_back(years: int) -> str:
        try:
            return tomorrow.replace(year=tomorrow.year - years).isoformat()
        except ValueError:  # 29 February: the UI starts on 1 March
            return date(tomorrow.year - years, 3, 1).isoformat()

    return {
        "this month": {"start": month.isoformat(), "end": next_month.isoformat(), "grain": "day"},
        "last month": {"start": last_month.isoformat(), "end": month.isoformat(), "grain": "day"},
        "this quarter": {"start": quarter.isoformat(), "end": quarter_end.isoformat(), "grain": "month"},
        "this year": {"start": f"{today.year}-01-01", "end": f"{today.year + 1}-01-01", "grain": "month"},
        "last 12 months": {"start": years_back(1), "end": tomorrow.isoformat(), "grain": "month"},
        "last 3 years": {"start": years_back(3), "end": tomorrow.isoformat(), "grain": "month"},
    }


def _cookie(saved: dict[str, str]) -> http.cookiejar.Cookie:
    return http.cookiejar.Cookie(
        version=0,
        name=saved["name"],
        value=saved["value"],
        port=None,
        port_specified=False,
        domain=saved["domain"],
        domain_specified=False,
        domain_initial_dot=False,
        path=saved["path"],
        path_specified=True,
        secure=False,
        expires=None,
        discard=True,
        comment=None,
        comment_url=None,
        rest={},
    )


class Person(FastHttpUser):
    """What everyone does: their lists, a customer's page, orders, the dashboard."""

    abstract = True
    role = ""

    def wait_time(self) -> float:
        mean = self.environment.parsed_options.think_seconds
        return random.uniform(mean / 3, mean * 5 / 3) if mean else 0.0

    def on_start(self) -> None:
        person = _next_person(self.environment, self.role)
        self.username = person["username"]
        for cookie in person["cookies"]:  # logged in by the harness (load.signed_in)
            self.client.cookiejar.set_cookie(_cookie(cookie))
        self.periods = periods(datetime.now(SHANGHAI).date())
        book = self.read("/api/v1/customers/", "customers: list", {"page_size": 100})
        self.customers: list[dict[str, Any]] = book["results"]
        self.customer_pages = max(1, min(50, book["count"] // PAGE_SIZE))
        self.orders: list[dict[str, Any]] = self.read("/api/v1/orders/", "orders: list", {"page_size": 100})["results"]
        self.follow_up_types = [
            entry["code"]
            for entry in self.read("/api/v1/dictionary/entries/", "dictionary", {"type": "follow_up_type"})["results"]
        ]
        _set_up(self.environment)

    def read(self, path: str, name: str, query: dict[str, Any] | None = None, *, gone: bool = False) -> Any:
        """GET and JSON; a failure unless 200, or, with `gone`, a 404 (None: see `moved_away`)."""
        url = path + (f"?{urllib.parse.urlencode(query)}" if query else "")
        with self.client.get(url, name=name, catch_response=True) as response:
            if gone and response.status_code == 404:
                response.success()
                return None
            if response.status_code != 200:
                response.failure(f"{response.status_code}: {response.text[:200]}")
                return {"results": [], "count": 0}
            return response.json()

    def moved_away(self, customer: dict[str, Any]) -> None:
        """A supervisor reassigned this customer out of the person's book since they listed it:
        the CRM now answers 不存在 for it, as it should; the person lists their book again."""
        self.customers.remove(customer)
        if not self.customers:
            self.customers = self.read("/api/v1/customers/", "customers: list", {"page_size": 100})["results"]

    def send(self, method: str, path: str, name: str, body: dict[str, Any]) -> Any:
        token = next((cookie.value for cookie in self.client.cookiejar if cookie.name == "csrftoken"), "")
        headers = {"X-CSRFToken": token or "", "Referer": self.host}
        with self.client.request(method, path, name=name, json=body, headers=headers, catch_response=True) as answer:
            if answer.status_code not in (200, 201, 202):
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")
                return {}
            return answer.json()

    def period(self) -> tuple[dict[str, str], dict[str, str]]:
        """A preset the person picks: with its grain, and as the window (start, end) alone."""
        period = random.choice(list(self.periods.values()))
        return period, {"start": period["start"], "end": period["end"]}

    def customer(self) -> dict[str, Any] | None:
        return random.choice(self.customers) if self.customers else None

    @task(3)
    def dashboard(self) -> None:
        self.read("/api/v1/auth/me", "auth: me")
        self.read("/api/v1/statistics/dashboard", "statistics: dashboard")
        self.read("/api/v1/notifications/", "notifications")

    @task(5)
    def customer_list(self) -> None:
        query = random.choice(
            [
                {},
                {"page": random.randint(1, self.customer_pages)},
                {"status": "warning"},
                {"ordering": "-last_purchase_at"},
                {"no_order_days": 90},
                {"follow_up_due": "true"},
            ]
        )
        self.read("/api/v1/customers/", "customers: list", query)

    @task(4)
    def customer_search(self) -> None:
        customer = self.customer()
        if customer is None:
            return
        if random.random() < 0.6:
            self.read("/api/v1/customers/", "customers: search by name", {"search": customer["company_name"][:4]})
        elif customer["phone"]:
            self.read("/api/v1/customers/", "customers: last four digits", {"phone": customer["phone"][-4:]})

    @task(6)
    def customer_page(self) -> None:
        customer = self.customer()
        if customer is None:
            return
        identifier = customer["id"]
        if self.read(f"/api/v1/customers/{identifier}/", "customer: detail", gone=True) is None:
            self.moved_away(customer)
            return
        self.read(f"/api/v1/customers/{identifier}/ownerships/", "customer: ownership timeline", gone=True)
        self.read("/api/v1/orders/", "customer: orders", {"customer": identifier})
        self.read("/api/v1/orders/summary/", "customer: order totals", {"customer": identifier})
        self.read("/api/v1/follow-ups/", "customer: follow-ups", {"customer": identifier})

    @task(2)
    def follow_up(self) -> None:
        customer = self.customer()
        if customer is None or not self.follow_up_types:
            return
        # Recorded from the customer's page, as the SPA does.
        if self.read(f"/api/v1/customers/{customer['id']}/", "customer: detail", gone=True) is None:
            self.moved_away(customer)
            return
        self.send(
            "post",
            "/api/v1/follow-ups/",
            "follow-up: record",
            {
                "customer": customer["id"],
                "type": random.choice(self.follow_up_types),
                "content": "电话回访：询问本周补货需求，客户计划下周下单。",
            },
        )

    @task(4)
    def order_list(self) -> None:
        query = random.choice(
            [
                {},
                {"status": "paid"},
                {"created_since": self.periods["this month"]["start"] + "T00:00:00+08:00"},
                {"search": random.choice(self.orders)["mall_order_id"][:-2]} if self.orders else {},
            ]
        )
        self.read("/api/v1/orders/", "orders: list", query)

    @task(2)
    def order_page(self) -> None:
        if self.orders:
            self.read(f"/api/v1/orders/{random.choice(self.orders)['id']}/", "order: detail")

    @task(1)
    def churn_work(self) -> None:
        self.read("/api/v1/churn-cases/", "churn warnings", {"status": "open"})

    @task(2)
    def my_figures(self) -> None:
        period, window = self.period()
        self.read("/api/v1/statistics/performance", "statistics: performance", period)
        subject = random.choice(["product", "customer"])
        ranking = {**window, "subject": subject}
        self.read("/api/v1/statistics/rankings", f"statistics: ranking of {subject}s", ranking)


class Rep(Person):
    """A sales rep: their own book, mostly customers and orders (reps cannot export)."""

    role = "sales_rep"
    weight = 70


class Supervisor(Person):
    """A group's supervisor: the group's customers, its reps side by side, reassignments."""

    role = "supervisor"
    weight = 18

    @task(2)
    def group_figures(self) -> None:
        _, window = self.period()
        self.read("/api/v1/statistics/breakdown", "statistics: breakdown by rep", {**window, "by": "rep"})
        self.read("/api/v1/statistics/customers", "statistics: customer value", window)

    @task(1)
    def reassign(self) -> None:
        owners = sorted({row["owner"] for row in self.customers if row["owner"]})
        customer = self.customer()
        if customer is None or len(owners) < 2:
            return
        new_owner = random.choice([owner for owner in owners if owner != customer["owner"]])
        body = {"customer_ids": [customer["id"]], "owner": new_owner, "reason_code": "workload_balance"}
        if self.send("post", "/api/v1/customers/assign/", "customers: reassign", body):
            customer["owner"] = new_owner


class Manager(Person):
    """A department manager: the department tree's figures, comparisons and reports."""

    role = "department_manager"
    weight = 8

    @task(4)
    def department_figures(self) -> None:
        period, window = self.period()
        self.read("/api/v1/statistics/breakdown", "statistics: breakdown by group", {**window, "by": "group"})
        self.read("/api/v1/statistics/products", "statistics: products", window)
        self.read("/api/v1/statistics/churn", "statistics: churn", period)

    @task(1)
    def export(self) -> None:
        if random.random() < 0.5:  # an export now and then, not every minute
            return
        if random.random() < 0.5:
            month = self.periods["last month"]
            params = {"start": month["start"], "end": month["end"], "by": "group"}
            body = {"kind": "statistics_breakdown", "format": "xlsx", "params": params}
            self.send("post", "/api/v1/exports/", "export: statistics", body)
        else:
            body = {"kind": "customers", "format": "csv", "params": {"status": "warning"}}
            self.send("post", "/api/v1/exports/", "export: churn warnings", body)


class Admin(Person):
    """An admin: the company's figures, the sync log, people and the audit trail."""

    role = "admin"
    weight = 4

    @task(3)
    def operations(self) -> None:
        self.read("/api/v1/sync/runs/status/", "sync: status")
        self.read("/api/v1/sync/events/", "sync: events")
        self.read("/api/v1/audit-events/", "audit trail")
        self.read("/api/v1/users/", "users")

    @task(2)
    def company_figures(self) -> None:
        _, window = self.period()
        self.read("/api/v1/statistics/breakdown", "statistics: breakdown by group", {**window, "by": "group"})
        self.read("/api/v1/statistics/customers", "statistics: customer value", window)
