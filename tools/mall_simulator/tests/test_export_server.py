"""The export API pages every record exactly once, filters by updated_since, survives
concurrent changes, and refuses requests without the token."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from tools.mall_simulator.events import Event, make_event, parse_time
from tools.mall_simulator.export_server import ExportServer
from tools.mall_simulator.state import COLLECTIONS, MallState

TOKEN = "export-token"


@pytest.fixture
def mall(history: list[Event]) -> Iterator[tuple[MallState, str]]:
    state = MallState.from_events(history)
    server = ExportServer(state=state, token=TOKEN, port=0).start()
    yield state, server.url
    server.stop()


def get(url: str, *, token: str | None = TOKEN) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def page_all(base: str, collection: str, *, limit: int, query: str = "") -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = f"&cursor={cursor}" if cursor else ""
        status, body = get(f"{base}/export/v1/{collection}?limit={limit}{query}{page}")
        assert status == 200
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_paging_returns_every_record_exactly_once_in_order(mall: tuple[MallState, str], collection: str) -> None:
    state, base = mall
    items = page_all(base, collection, limit=1000 if collection == "orders" else 37)

    def key(item: dict[str, str]) -> str:
        if collection == "inventory":
            return f"{item['product_id']}@{item['as_of']}"
        return item[{"customers": "customer_id", "orders": "order_id"}.get(collection, "product_id")]

    assert sorted(key(item) for item in items) == sorted(state.records[collection])
    order = [(parse_time(item["updated_at"]), key(item)) for item in items]
    assert order == sorted(order)


def test_items_carry_the_contract_fields(mall: tuple[MallState, str]) -> None:
    _, base = mall
    customer = get(f"{base}/export/v1/customers?limit=1")[1]["items"][0]
    assert {"customer_id", "company_name", "pharmacy_type", "registered_at", "last_login_at", "updated_at"} <= set(
        customer
    )
    order = get(f"{base}/export/v1/orders?limit=1")[1]["items"][0]
    assert {"order_id", "items", "total_amount", "status", "status_history", "updated_at"} <= set(order)
    inventory = get(f"{base}/export/v1/inventory?limit=1")[1]["items"][0]
    assert set(inventory) == {"product_id", "quantity", "as_of", "updated_at"}


def test_updated_since_keeps_only_later_changes(mall: tuple[MallState, str]) -> None:
    state, base = mall
    since = "2026-02-20T00:00:00+08:00"
    items = page_all(base, "orders", limit=500, query=f"&updated_since={since.replace('+', '%2B')}")
    expected = {key for key, stamp in state.stamps["orders"].items() if stamp >= parse_time(since)}
    assert {item["order_id"] for item in items} == expected and 0 < len(expected) < len(state.records["orders"])


def test_changes_made_while_paging_are_not_missed(mall: tuple[MallState, str]) -> None:
    state, base = mall
    first = get(f"{base}/export/v1/customers?limit=50")[1]
    changed = first["items"][0]["customer_id"]
    later = (state.last_stamp or parse_time(first["items"][0]["updated_at"])) - timedelta(days=3)
    state.apply(make_event("customer.updated", later, {"customer_id": changed, "phone": "13912345678"}))
    rest: list[dict[str, Any]] = []
    cursor = first["next_cursor"]
    while cursor:
        body = get(f"{base}/export/v1/customers?limit=50&cursor={cursor}")[1]
        rest += body["items"]
        cursor = body["next_cursor"]
    assert [item["phone"] for item in rest if item["customer_id"] == changed] == ["13912345678"]
    assert len(first["items"]) + len(rest) == len(state.records["customers"]) + 1


@pytest.mark.parametrize("token", [None, "wrong"])
def test_requests_without_the_token_are_refused(mall: tuple[MallState, str], token: str | None) -> None:
    status, body = get(f"{mall[1]}/export/v1/customers", token=token)
    assert status == 401 and "items" not in body


@pytest.mark.parametrize("query", ["limit=1001", "limit=0", "cursor=%%%", "updated_since=yesterday"])
def test_bad_parameters_are_answered_400(mall: tuple[MallState, str], query: str) -> None:
    assert get(f"{mall[1]}/export/v1/orders?{query}")[0] == 400


def test_unknown_listings_are_answered_404(mall: tuple[MallState, str]) -> None:
    assert get(f"{mall[1]}/export/v1/invoices")[0] == 404
