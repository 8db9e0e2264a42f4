"""The generated history is deterministic and as consistent as a real mall's."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from decimal import Decimal

from tools.mall_simulator import names
from tools.mall_simulator.events import SHANGHAI, Event, event_time, parse_time
from tools.mall_simulator.history import HistorySettings, MallState, generate_history

from .conftest import INVITE_CODES, contract_errors

NEXT_STATUSES = {"pending_payment": {"paid", "cancelled"}, "paid": {"shipped", "cancelled"}, "shipped": {"completed"}}


def small_history(seed: int) -> list[Event]:
    settings = HistorySettings(customers=40, products=30, orders_per_day=10, seed=seed, invite_codes=["A", "B"])
    return generate_history(
        start=datetime(2026, 3, 1, tzinfo=SHANGHAI), end=datetime(2026, 3, 15, tzinfo=SHANGHAI), settings=settings
    )


def test_same_seed_gives_same_events_and_another_seed_different_ones() -> None:
    assert small_history(3) == small_history(3)
    assert small_history(3) != small_history(4)


def test_every_event_is_valid_unique_and_in_time_order(history: list[Event]) -> None:
    assert [event for event in history if contract_errors(event)] == []
    assert len({event["id"] for event in history}) == len(history)
    assert all(re.fullmatch(r"evt_[0-9a-f]{26}", event["id"]) for event in history)
    times = [event_time(event) for event in history]
    assert times == sorted(times)
    assert all(event["occurred_at"] == event["data"].get("changed_at", event["occurred_at"]) for event in history)


def test_orders_refer_to_earlier_customers_and_products_and_add_up(history: list[Event]) -> None:
    registered: dict[str, datetime] = {}
    products: set[str] = set()
    for event in history:
        data = event["data"]
        if event["type"] == "customer.registered":
            registered[data["customer_id"]] = parse_time(data["registered_at"])
        elif event["type"] == "product.upserted":
            products.add(data["product_id"])
        elif event["type"] in ("customer.logged_in", "customer.updated"):
            assert data["customer_id"] in registered
        elif event["type"] == "order.created":
            assert re.fullmatch(r"SO\d{8}\d{5}", data["order_id"])
            assert registered[data["customer_id"]] < parse_time(data["created_at"])
            assert 1 <= len(data["items"]) <= 8
            amounts = [Decimal(item["amount"]) for item in data["items"]]
            for item, amount in zip(data["items"], amounts, strict=True):
                assert item["product_id"] in products
                assert Decimal(item["unit_price"]) * item["quantity"] == amount
            expected = sum(amounts) - Decimal(data["discount_amount"]) + Decimal(data["freight_amount"])
            assert Decimal(data["total_amount"]) == expected > 0


def test_status_changes_follow_the_order_and_move_forward_in_time(history: list[Event]) -> None:
    current: dict[str, tuple[str, datetime]] = {}
    reasons: Counter[str] = Counter()
    for event in history:
        data = event["data"]
        if event["type"] == "order.created":
            current[data["order_id"]] = (data["status"], parse_time(data["created_at"]))
        elif event["type"] == "order.status_changed":
            status, since = current[data["order_id"]]
            assert data["status"] in NEXT_STATUSES[status]
            assert parse_time(data["changed_at"]) > since
            if data["status"] == "cancelled":
                reasons[status] += 1
                assert data["reason"]
            if data["status"] == "paid":
                assert data["payment_method"] in ("online", "transfer", "cod", "credit")
            current[data["order_id"]] = (data["status"], parse_time(data["changed_at"]))
    final = Counter(status for status, _ in current.values())
    assert reasons["pending_payment"] > reasons["paid"] > 0
    assert 0.05 < final["cancelled"] / len(current) < 0.2


def test_a_few_big_customers_place_most_orders(history: list[Event]) -> None:
    orders = Counter(event["data"]["customer_id"] for event in history if event["type"] == "order.created")
    counts = sorted(orders.values(), reverse=True)
    top_tenth = counts[: max(1, len(counts) // 10)]
    assert sum(top_tenth) / sum(counts) > 0.35


def test_fewer_orders_on_sundays(history: list[Event]) -> None:
    by_weekday = Counter(
        parse_time(event["data"]["created_at"]).weekday() for event in history if event["type"] == "order.created"
    )
    assert by_weekday[6] < 0.6 * by_weekday[1]


def test_registrations_carry_invite_codes_from_the_list_at_the_given_share(history: list[Event]) -> None:
    registrations = [event["data"] for event in history if event["type"] == "customer.registered"]
    with_code = [data["invite_code"] for data in registrations if "invite_code" in data]
    assert len(registrations) == 150
    assert set(with_code) <= set(INVITE_CODES)
    assert 0.6 < len(with_code) / len(registrations) < 0.9
    assert {data["pharmacy_type"] for data in registrations} == set(names.PHARMACY_TYPES)


def test_identifiers_look_real(history: list[Event]) -> None:
    for event in history:
        data = event["data"]
        if event["type"] != "customer.registered":
            continue
        assert re.fullmatch(r"C\d{6}", data["customer_id"])
        assert re.fullmatch(r"1[3-9]\d{9}|0\d{2,3}-\d{8}", data["phone"])
        if "id_number" in data:
            assert names.id_number_check(data["id_number"][:17]) == data["id_number"][17]
        if "business_license_no" in data:
            licence = data["business_license_no"]
            assert len(licence) == 18 and names.credit_code_check(licence[:17]) == licence[17]


def test_stock_never_goes_negative_and_state_holds_every_count(history: list[Event]) -> None:
    snapshots = [event["data"] for event in history if event["type"] == "inventory.snapshot"]
    assert all(snapshot["quantity"] >= 0 for snapshot in snapshots)
    state = MallState.from_events(history)
    counts = {f"{snapshot['product_id']}@{snapshot['as_of']}": snapshot["quantity"] for snapshot in snapshots}
    assert {key: record["quantity"] for key, record in state.records["inventory"].items()} == counts
    for order in state.records["orders"].values():
        assert order["status"] == order["status_history"][-1]["status"]
        assert order["status_history"][0] == {"status": "pending_payment", "changed_at": order["created_at"]}
