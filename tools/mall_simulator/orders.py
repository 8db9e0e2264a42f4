"""What a pharmacy orders and what then happens to the order: payment, shipping, completion
or cancellation, at realistic delays."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from tools.mall_simulator.catalogue import WINTER_CATEGORIES, Product
from tools.mall_simulator.events import format_money, format_time, round_money
from tools.mall_simulator.seasonality import winter_intensity

LINE_COUNT_WEIGHTS = [18, 20, 18, 14, 10, 8, 6, 6]  # 1 … 8 items per order
PAYMENT_METHOD_WEIGHTS = {"online": 60, "transfer": 22, "credit": 10, "cod": 8}
CANCELLED_BEFORE_PAYMENT_SHARE = 0.10
CANCELLED_AFTER_PAYMENT_SHARE = 0.025
REASONS_BEFORE_PAYMENT = ["客户取消订单", "超时未付款", "重复下单", "收货信息有误"]
REASONS_AFTER_PAYMENT = ["客户申请退款", "缺货无法发货", "资质审核未通过"]
FREIGHT = Decimal("12.00")
FREE_FREIGHT_FROM = Decimal("300.00")


@dataclass(frozen=True)
class StatusStep:
    """A status change planned for an order, `delay` after the previous one."""

    status: str
    delay: timedelta
    reason: str | None = None
    payment_method: str | None = None


def order_id(day: date, serial: int) -> str:
    """The mall's order number: SO, the day it was placed and the day's serial."""
    return f"SO{day:%Y%m%d}{serial:05d}"


def seasonal_popularity(product: Product, day: date) -> float:
    """How likely a product is to be ordered that day: cold medicine sells in winter."""
    if product.category_code in WINTER_CATEGORIES:
        return product.popularity * (0.5 + 2.0 * winter_intensity(day))
    return product.popularity


def rounded_quantity(rng: random.Random, *, price: Decimal, order_size: float) -> int:
    """Pharmacies buy a few hundred yuan of a line, in round numbers of boxes."""
    line_value = math.exp(rng.gauss(math.log(250), 0.8)) * order_size
    quantity = max(1, round(line_value / float(price)))
    if quantity > 50:
        return quantity - quantity % 10
    if quantity > 12:
        return quantity - quantity % 5
    return quantity


def build_items(
    rng: random.Random, *, products: list[Product], stock: dict[str, int], order_size: float, day: date
) -> list[dict[str, Any]]:
    """Order lines from products in stock, never more than the stock; empty when nothing fits."""
    available = [product for product in products if stock.get(product.product_id, 0) > 0]
    wanted = rng.choices(range(1, 9), weights=LINE_COUNT_WEIGHTS)[0]
    chosen: list[Product] = []
    weights = [seasonal_popularity(product, day) for product in available]
    while available and len(chosen) < wanted:
        index = rng.choices(range(len(available)), weights=weights)[0]
        chosen.append(available.pop(index))
        weights.pop(index)
    items = []
    for product in chosen:
        quantity = min(rounded_quantity(rng, price=product.price, order_size=order_size), stock[product.product_id])
        items.append(
            {
                "product_id": product.product_id,
                "product_name": product.name,
                "spec": product.spec,
                "quantity": quantity,
                "unit_price": format_money(product.price),
                "amount": format_money(product.price * quantity),
            }
        )
    return items


def order_data(
    rng: random.Random, *, identifier: str, customer_id: str, created_at: datetime, items: list[dict[str, Any]]
) -> dict[str, Any]:
    """`order.created` data: total = Σ amounts − discount + freight, exactly."""
    subtotal = sum((Decimal(item["amount"]) for item in items), Decimal("0.00"))
    discount = Decimal("0.00")
    if subtotal >= Decimal("2000") and rng.random() < 0.4:
        discount = Decimal("100.00")
    elif subtotal >= Decimal("1000") and rng.random() < 0.3:
        discount = Decimal("50.00")
    elif rng.random() < 0.1:
        discount = min(Decimal(rng.choice(["5.00", "10.00", "20.00"])), round_money(subtotal / 2))
    freight = FREIGHT if subtotal < FREE_FREIGHT_FROM else Decimal("0.00")
    methods = list(PAYMENT_METHOD_WEIGHTS)
    return {
        "order_id": identifier,
        "customer_id": customer_id,
        "created_at": format_time(created_at),
        "status": "pending_payment",
        "payment_method": rng.choices(methods, weights=list(PAYMENT_METHOD_WEIGHTS.values()))[0],
        "items": items,
        "discount_amount": format_money(discount),
        "freight_amount": format_money(freight),
        "total_amount": format_money(subtotal - discount + freight),
    }


def _between(rng: random.Random, low: timedelta, median: timedelta, high: timedelta) -> timedelta:
    """A log-normal delay around median, kept within [low, high]."""
    seconds = math.exp(rng.gauss(math.log(median.total_seconds()), 1.0))
    return timedelta(seconds=min(max(seconds, low.total_seconds()), high.total_seconds()))


def plan_lifecycle(rng: random.Random, *, current_status: str, payment_method: str) -> list[StatusStep]:
    """The status changes still ahead of an order in `current_status`: paid within minutes
    to a day, shipped hours to days later, completed days after that; a share cancelled
    before payment and a small share after it."""
    steps: list[StatusStep] = []
    if current_status == "pending_payment":
        if rng.random() < CANCELLED_BEFORE_PAYMENT_SHARE:
            reason = rng.choice(REASONS_BEFORE_PAYMENT)
            delay = (
                timedelta(hours=24)
                if reason == "超时未付款"
                else _between(rng, timedelta(minutes=5), timedelta(hours=2), timedelta(hours=23))
            )
            return [StatusStep("cancelled", delay, reason=reason)]
        steps.append(
            StatusStep(
                "paid",
                _between(rng, timedelta(minutes=1), timedelta(minutes=25), timedelta(hours=24)),
                payment_method=payment_method,
            )
        )
        current_status = "paid"
    if current_status == "paid":
        if rng.random() < CANCELLED_AFTER_PAYMENT_SHARE:
            reason = rng.choice(REASONS_AFTER_PAYMENT)
            return [
                *steps,
                StatusStep(
                    "cancelled",
                    _between(rng, timedelta(minutes=30), timedelta(hours=5), timedelta(hours=48)),
                    reason=reason,
                ),
            ]
        steps.append(StatusStep("shipped", _between(rng, timedelta(hours=2), timedelta(hours=18), timedelta(days=4))))
        current_status = "shipped"
    if current_status == "shipped":
        steps.append(StatusStep("completed", _between(rng, timedelta(days=2), timedelta(days=4), timedelta(days=9))))
    return steps


def status_change_data(order_identifier: str, step: StatusStep, changed_at: datetime) -> dict[str, Any]:
    """`order.status_changed` data for a planned step."""
    data: dict[str, Any] = {"order_id": order_identifier, "status": step.status, "changed_at": format_time(changed_at)}
    if step.payment_method:
        data["payment_method"] = step.payment_method
    if step.reason:
        data["reason"] = step.reason
    return data
