"""Writing the CRM's copy of the mall. Every function is idempotent and order-independent:
applied twice, or after a newer fact, it leaves the state the in-order history gives.
Writes are atomic without a savepoint of their own (`savepoint=False`): a caller that must
survive their failure (the applier, one savepoint per event) provides it."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Max, Min

from crm.commerce.models import (
    COUNTED_STATUSES,
    STATUS_STAGE,
    Category,
    Order,
    OrderItem,
    OrderStatus,
    OrderStatusChange,
    Product,
    StockSnapshot,
)
from crm.core.changes import ORDERS, STOCK, mark_times_changed
from crm.customers.models import Customer
from crm.customers.selectors import ownership_at
from crm.customers.services import mall as customers
from crm.org.models import DepartmentKind
from crm.org.selectors import home_department, membership_at


@transaction.atomic(savepoint=False)
def upsert_product(
    *,
    mall_product_id: str,
    name: str,
    spec: str,
    unit: str,
    manufacturer: str,
    price: Decimal,
    category: dict[str, str] | None,
    at: datetime,
) -> Product:
    """The catalogue entry as of mall time `at`; an older upsert changes nothing."""
    category_row = _upsert_category(category, at) if category else None
    product = Product.objects.select_for_update().filter(mall_product_id=mall_product_id).first()
    if product is not None and product.mall_updated_at > at:
        return product
    values = {
        "name": name,
        "spec": spec,
        "unit": unit,
        "manufacturer": manufacturer,
        "price": price,
        "category": category_row,
        "mall_updated_at": at,
    }
    if product is None:
        return Product.objects.create(mall_product_id=mall_product_id, **values)
    for key, value in values.items():
        setattr(product, key, value)
    product.save()
    return product


def _upsert_category(category: dict[str, str], at: datetime) -> Category:
    parent = None
    if category.get("parent_code"):
        parent, _ = Category.objects.get_or_create(
            code=category["parent_code"], defaults={"name": category["parent_code"]}
        )
    row, created = Category.objects.get_or_create(
        code=category["code"], defaults={"name": category["name"], "parent": parent, "mall_updated_at": at}
    )
    if not created and (row.mall_updated_at is None or row.mall_updated_at <= at):
        row.name, row.parent, row.mall_updated_at = category["name"], parent, at
        row.save()
    return row


@dataclass(frozen=True)
class Credit:
    rep_id: int | None
    group_id: int | None
    department_id: int | None


def credit_at(customer: Customer, at: datetime) -> Credit:
    """Who an order of this customer placed at `at` is credited to (METRICS.md): the rep
    owning the customer then, and that rep's group and department as they were then."""
    ownership = ownership_at(customer.id, at)
    if ownership is None:
        return Credit(None, None, None)
    membership = membership_at(ownership.owner_id, at)
    if membership is None:
        return Credit(ownership.owner_id, None, None)
    unit = membership.department
    group_id = unit.id if unit.kind == DepartmentKind.GROUP else None
    return Credit(ownership.owner_id, group_id, home_department(unit).id)


@transaction.atomic(savepoint=False)
def record_order(
    *,
    mall_order_id: str,
    customer: Customer,
    created_at: datetime,
    status: str,
    payment_method: str,
    items: list[dict[str, Any]],
    discount_amount: Decimal,
    freight_amount: Decimal,
    total_amount: Decimal,
) -> tuple[Order, bool]:
    """Record an order the mall created (items carry their `product`); an order already
    recorded is left as it is. Returns the order and whether it was new."""
    existing = Order.objects.filter(mall_order_id=mall_order_id).first()
    if existing is not None:
        return existing, False
    credit = credit_at(customer, created_at)
    # The owner now, read under the customer's row lock: a reassignment committing meanwhile
    # either waits for this order to commit and then moves it too, or has moved the owner
    # read here (crm.customers.owner_copies).
    owner_id = Customer.objects.select_for_update(no_key=True).values_list("owner_id", flat=True).get(id=customer.id)
    order = Order(
        mall_order_id=mall_order_id,
        customer=customer,
        created_at=created_at,
        status=status,
        payment_method=payment_method,
        discount_amount=discount_amount,
        freight_amount=freight_amount,
        total_amount=total_amount,
        credited_rep_id=credit.rep_id,
        credited_group_id=credit.group_id,
        credited_department_id=credit.department_id,
        customer_owner_id=owner_id,
    )
    _follow_timeline(order, [OrderStatusChange(status=status, changed_at=created_at, payment_method=payment_method)])
    order.save(force_insert=True)
    OrderItem.objects.bulk_create(
        OrderItem(
            order=order,
            product=item["product"],
            product_name=item["product_name"],
            spec=item.get("spec", ""),
            quantity=item["quantity"],
            unit_price=item["unit_price"],
            amount=item["amount"],
        )
        for item in items
    )
    # The order's first change: nothing to look up, and the order already carries it.
    OrderStatusChange.objects.create(order=order, status=status, changed_at=created_at, payment_method=payment_method)
    customers.record_latest_order(customer_id=customer.id, ordered_at=created_at)
    _follow_purchase(order, was_counted=False, paid_before=None)
    mark_times_changed(subject=ORDERS, times=[created_at, order.paid_at])
    return order, True


@transaction.atomic(savepoint=False)
def record_status_change(
    *, order: Order, status: str, changed_at: datetime, reason: str = "", payment_method: str = ""
) -> OrderStatusChange | None:
    """Add a change to the order's timeline (once) and bring the order up to date: its
    status is that of the latest change; `paid_at` and the like are the first change into
    each status. Returns None when the change was already recorded."""
    changes = list(order.status_changes.all())
    if any(change.status == status and change.changed_at == changed_at for change in changes):
        return None
    change = OrderStatusChange.objects.create(
        order=order, status=status, changed_at=changed_at, reason=reason or "", payment_method=payment_method
    )
    was_counted, paid_before = order.status in COUNTED_STATUSES, order.paid_at
    _follow_timeline(order, [*changes, change])
    order.save(update_fields=_STATUS_FIELDS)
    _follow_purchase(order, was_counted=was_counted, paid_before=paid_before)
    # The order counts by its status on the day it was created, and as a sale on the day it
    # was paid: both days, and the day it was thought paid before, are summarised anew.
    mark_times_changed(subject=ORDERS, times=[order.created_at, paid_before, order.paid_at])
    return change


def _follow_purchase(order: Order, *, was_counted: bool, paid_before: datetime | None) -> None:
    """Keep the customer's first and latest purchase right as this order starts or stops
    counting."""
    counted = order.status in COUNTED_STATUSES and order.paid_at is not None
    if counted and (not was_counted or order.paid_at != paid_before):
        assert order.paid_at is not None
        customers.record_purchase(customer_id=order.customer_id, paid_at=order.paid_at)
    if was_counted and (not counted or order.paid_at != paid_before):
        # Rare (a paid order cancelled, or paid earlier than thought): recount from the orders.
        span = Order.objects.filter(customer_id=order.customer_id, status__in=COUNTED_STATUSES).aggregate(
            first=Min("paid_at"), latest=Max("paid_at")
        )
        customers.set_purchase_span(
            customer_id=order.customer_id, first_purchase_at=span["first"], last_purchase_at=span["latest"]
        )


_STATUS_FIELDS = ["status", "paid_at", "shipped_at", "completed_at", "cancelled_at", "payment_method", "updated_at"]


def _follow_timeline(order: Order, changes: list[OrderStatusChange]) -> None:
    """Set the order's status fields from its timeline (not saved)."""
    latest = max(changes, key=lambda change: (change.changed_at, STATUS_STAGE[OrderStatus(change.status)]))
    first_time: dict[str, datetime] = {}
    for change in sorted(changes, key=lambda change: change.changed_at):
        first_time.setdefault(change.status, change.changed_at)
    order.status = latest.status
    order.paid_at = first_time.get(OrderStatus.PAID)
    order.shipped_at = first_time.get(OrderStatus.SHIPPED)
    order.completed_at = first_time.get(OrderStatus.COMPLETED)
    order.cancelled_at = first_time.get(OrderStatus.CANCELLED)
    with_method = [change for change in changes if change.payment_method]
    if with_method:
        order.payment_method = max(with_method, key=lambda change: change.changed_at).payment_method


@transaction.atomic(savepoint=False)
def record_stock_snapshot(*, product: Product, quantity: int, as_of: datetime) -> None:
    """Stock on hand at `as_of`; the stock level at any time is the latest snapshot before it.
    A snapshot already recorded for that time stays as it is."""
    # ON CONFLICT DO NOTHING: one statement, and no savepoint as `get_or_create` takes.
    StockSnapshot.objects.bulk_create(
        [StockSnapshot(product=product, as_of=as_of, quantity=quantity)], ignore_conflicts=True
    )
    mark_times_changed(subject=STOCK, times=[as_of])


def recount_customer_activity() -> int:
    """Set every customer's 最近下单时间, first purchase and 最近成交时间 from the orders (after a bulk load,
    or to repair): one aggregate over the orders joined to the customers, which PostgreSQL
    and SQLite (3.33+) both run as UPDATE … FROM; a correlated subquery per customer takes
    many minutes at ten million orders. Returns how many customers have orders."""
    customers, orders = Customer._meta.db_table, Order._meta.db_table
    counted = ", ".join(f"'{status.value}'" for status in COUNTED_STATUSES)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {customers} SET last_order_at = NULL, first_purchase_at = NULL, last_purchase_at = NULL "
            "WHERE last_order_at IS NOT NULL OR first_purchase_at IS NOT NULL OR last_purchase_at IS NOT NULL"
        )
        cursor.execute(
            f"""UPDATE {customers} SET last_order_at = activity.last_order,
                first_purchase_at = activity.first_purchase, last_purchase_at = activity.last_purchase
            FROM (
                SELECT customer_id, MAX(created_at) AS last_order,
                       MIN(CASE WHEN status IN ({counted}) THEN paid_at END) AS first_purchase,
                       MAX(CASE WHEN status IN ({counted}) THEN paid_at END) AS last_purchase
                FROM {orders} GROUP BY customer_id
            ) AS activity
            WHERE {customers}.id = activity.customer_id"""
        )
        return int(cursor.rowcount)
