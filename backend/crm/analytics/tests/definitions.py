"""METRICS.md computed straight from the raw orders and ownerships, row by row in Python:
the reference the rollups must agree with. Slow and obvious on purpose."""

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from crm.commerce.models import COUNTED_STATUSES, Order, OrderItem
from crm.core.periods import Period
from crm.customers.models import Customer, Ownership
from crm.org.models import DepartmentKind
from crm.org.selectors import home_department, membership_at


def _in(at: datetime | None, period: Period) -> bool:
    return at is not None and period.starts_at <= at < period.ends_at


def _counted(order: Order) -> bool:
    return order.status in COUNTED_STATUSES and order.paid_at is not None


def sales_by(period: Period, column: str) -> dict[Any, dict[str, Any]]:
    """Per credited rep / group / department id (`column`), or None for all."""
    totals: dict[Any, dict[str, Any]] = defaultdict(lambda: defaultdict(int))
    for order in Order.objects.all():
        key = getattr(order, column) if column else None
        if _in(order.created_at, period):
            totals[key]["order_count"] += 1
            totals[key][f"{order.status}_count"] += 1
        if _counted(order) and _in(order.paid_at, period):
            totals[key]["sales_amount"] += order.total_amount
            totals[key]["sales_order_count"] += 1
    return {key: dict(value) for key, value in totals.items()}


def products(period: Period, credited: Callable[[Order], bool] = lambda order: True) -> dict[int, tuple[Decimal, int]]:
    """Per product, the lines of counted orders paid in the period (those `credited` keeps)."""
    totals: dict[int, list[Any]] = defaultdict(lambda: [Decimal("0"), 0])
    for item in OrderItem.objects.select_related("order"):
        if _counted(item.order) and _in(item.order.paid_at, period) and credited(item.order):
            totals[item.product_id][0] += item.amount
            totals[item.product_id][1] += item.quantity
    return {key: (amount, quantity) for key, (amount, quantity) in totals.items()}


def development(period: Period) -> dict[int, tuple[int, int, int | None, int | None]]:
    """Per customer developed in the period: (rep, converted 0/1, group, department)."""
    first: dict[int, Ownership] = {}
    for ownership in Ownership.objects.order_by("started_at", "id"):
        first.setdefault(ownership.customer_id, ownership)
    result = {}
    for customer_id, ownership in first.items():
        if not _in(ownership.started_at, period):
            continue
        converted = any(
            _counted(order) and order.paid_at < period.ends_at
            for order in Order.objects.filter(customer_id=customer_id)
        )
        membership = membership_at(ownership.owner_id, ownership.started_at)
        unit = membership.department if membership else None
        group = unit.id if unit and unit.kind == DepartmentKind.GROUP else None
        department = home_department(unit).id if unit else None
        result[customer_id] = (ownership.owner_id, int(converted), group, department)
    return result


def customer_values(period: Period) -> dict[int, tuple[Decimal, int, datetime, datetime]]:
    values: dict[int, list[Any]] = {}
    for order in Order.objects.all():
        if not (_counted(order) and _in(order.paid_at, period)):
            continue
        value = values.setdefault(order.customer_id, [Decimal("0"), 0, order.paid_at, order.paid_at])
        value[0] += order.total_amount
        value[1] += 1
        value[2] = min(value[2], order.paid_at)
        value[3] = max(value[3], order.paid_at)
    return {key: tuple(value) for key, value in values.items()}  # type: ignore[misc]


def _purchases_by_customer() -> dict[int, list[datetime]]:
    purchases: dict[int, list[datetime]] = defaultdict(list)
    for order in Order.objects.all():
        if _counted(order):
            purchases[order.customer_id].append(order.paid_at)
    return {customer: sorted(times) for customer, times in purchases.items()}


def lost_as_of(at: datetime, window: timedelta) -> set[int]:
    """Customers registered before T with a counted purchase before T, the last of which
    is earlier than T − N."""
    lost = set()
    for customer, times in _purchases_by_customer().items():
        before = [time for time in times if time < at]
        registered = Customer.objects.get(id=customer).registered_at
        if before and registered and registered < at and before[-1] < at - window:
            lost.add(customer)
    return lost


def lost_in(period: Period, window: timedelta) -> set[int]:
    """Customers with a purchase followed by none within N whose time + N falls in the period."""
    lost = set()
    for customer, times in _purchases_by_customer().items():
        for time, following in zip(times, [*times[1:], None], strict=True):
            if (following is None or following > time + window) and _in(time + window, period):
                lost.add(customer)
    return lost
