"""The lists' benchmark: how fast the customer and order lists, searches and details answer
on a loaded dataset (`manage.py load_dataset --size L`), one request at a time, for an
admin (everything), a supervisor (a group) and a rep (their own). DESIGN.md's budget for
list, search and detail: p95 ≤ 60 ms (at 100 users with think time; this measures the
single-user cost that budget is built on).

    python -m tools.benchmarks.lists --crm-url http://127.0.0.1:8090 --out var/bench/lists.json
"""

import argparse
import http.cookiejar
import json
import random
import statistics
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

PASSWORD = "MallCrm#2026"
PEOPLE = ["admin", "supervisor", "rep_li"]
REPEATS = 30


class Session:
    """A logged-in API client (cookie session and CSRF token, as the SPA uses it)."""

    def __init__(self, crm_url: str, username: str) -> None:
        self.crm_url = crm_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.get("/api/v1/auth/csrf")
        self.post("/api/v1/auth/login", {"username": username, "password": PASSWORD})

    def _csrf(self) -> str:
        return next((cookie.value or "" for cookie in self.cookies if cookie.name == "csrftoken"), "")

    def get(self, path: str, query: dict[str, Any] | None = None) -> Any:
        url = f"{self.crm_url}{path}" + (f"?{urllib.parse.urlencode(query, doseq=True)}" if query else "")
        with self.opener.open(url, timeout=60) as response:
            return json.loads(response.read())

    def post(self, path: str, body: dict[str, Any]) -> Any:
        request = urllib.request.Request(
            f"{self.crm_url}{path}",
            data=json.dumps(body).encode(),
            headers={"content-type": "application/json", "x-csrftoken": self._csrf(), "referer": self.crm_url},
            method="POST",
        )
        with self.opener.open(request, timeout=60) as response:
            return json.loads(response.read())


def _timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _requests(session: Session, rng: random.Random) -> dict[str, Callable[[], Any]]:
    """The calls to time, each drawing its parameters from real rows of this person's lists."""
    first_page = session.get("/api/v1/customers/", {"page_size": 100})
    customers = first_page["results"]
    deep_page = max(1, min(50, first_page["count"] // 20))
    orders = session.get("/api/v1/orders/", {"page_size": 100})["results"]
    customer_ids = [row["id"] for row in customers] or [0]
    order_ids = [row["id"] for row in orders] or [0]
    names = [row["company_name"] for row in customers] or ["药房"]
    last_fours = [row["phone"][-4:] for row in customers if row["phone"]] or ["0000"]
    numbers = [row["mall_order_id"] for row in orders] or ["O"]
    phones = [
        session.post(f"/api/v1/customers/{customer_id}/reveal/", {"field": "phone"})["value"]
        for customer_id in customer_ids[:5]
    ]

    def pick(values: list[Any]) -> Any:
        return rng.choice(values)

    return {
        "customers: list": lambda: session.get("/api/v1/customers/"),
        "customers: page 50": lambda: session.get("/api/v1/customers/", {"page": deep_page}),
        "customers: search by name": lambda: session.get("/api/v1/customers/", {"search": pick(names)[:4]}),
        "customers: exact phone": lambda: session.get("/api/v1/customers/", {"phone": pick(phones)}),
        "customers: last four digits": lambda: session.get("/api/v1/customers/", {"phone": pick(last_fours)}),
        "customers: churn warning": lambda: session.get("/api/v1/customers/", {"status": "warning"}),
        "customers: by last purchase": lambda: session.get("/api/v1/customers/", {"ordering": "-last_purchase_at"}),
        "customers: no order for 90 days": lambda: session.get("/api/v1/customers/", {"no_order_days": 90}),
        "customer: detail": lambda: session.get(f"/api/v1/customers/{pick(customer_ids)}/"),
        "customer: ownership timeline": lambda: session.get(f"/api/v1/customers/{pick(customer_ids)}/ownerships/"),
        "customer: orders": lambda: session.get("/api/v1/orders/", {"customer": pick(customer_ids)}),
        "customer: order totals": lambda: session.get("/api/v1/orders/summary/", {"customer": pick(customer_ids)}),
        "orders: list": lambda: session.get("/api/v1/orders/"),
        "orders: search by number": lambda: session.get("/api/v1/orders/", {"search": pick(numbers)[:-2]}),
        "orders: paid this month": lambda: session.get(
            "/api/v1/orders/", {"status": "paid", "created_since": "2026-10-01T00:00:00+08:00"}
        ),
        "order: detail": lambda: session.get(f"/api/v1/orders/{pick(order_ids)}/"),
        "churn warnings": lambda: session.get("/api/v1/churn-cases/", {"status": "open"}),
        "follow-ups due": lambda: session.get("/api/v1/customers/", {"follow_up_due": "true"}),
    }


def run(crm_url: str, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    results: dict[str, Any] = {}
    for person in PEOPLE:
        session = Session(crm_url, person)
        for label, call in _requests(session, rng).items():
            for _ in range(3):  # warm the caches the way a working day does
                call()
            timings = [_timed(call) for _ in range(REPEATS)]
            results.setdefault(label, {})[person] = {
                "p50_ms": round(statistics.median(timings), 1),
                "p95_ms": round(_percentile(timings, 0.95), 1),
                "max_ms": round(max(timings), 1),
            }
    return {"repeats": REPEATS, "people": PEOPLE, "endpoints": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--crm-url", default="http://127.0.0.1:8090")
    parser.add_argument("--out", required=True)
    arguments = parser.parse_args()
    result = run(arguments.crm_url)
    Path(arguments.out).parent.mkdir(parents=True, exist_ok=True)
    Path(arguments.out).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
