"""What each mall event does to the CRM: the only place that turns the mall's language
into domain operations (DESIGN.md rule 6). A handler raises `Waiting` when the event
refers to something not recorded yet, and does so before writing anything (the applier
parks it without a savepoint); it returns the keys of the records it made, which
release the events parked on them. The records a chunk of events refers to are read
up front, one query per kind (`Known`), not one per event."""

from collections.abc import Callable
from typing import TypeVar

from django.db.models import Model, QuerySet

from crm.commerce import services as commerce
from crm.commerce.models import Order, Product
from crm.customers.models import Customer
from crm.customers.services import mall as customers
from crm.dictionary.services import ensure_dictionary_entry
from crm.sync.validation import ValidEvent

ModelT = TypeVar("ModelT", bound=Model)


class Waiting(Exception):
    """The event needs a record the CRM has not received yet, named by `key`."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _first(rows: QuerySet[ModelT]) -> ModelT | None:
    # A lookup by a unique key needs no ORDER BY (which `.first()` would add).
    return next(iter(rows.order_by()[:1]), None)


def _customers() -> QuerySet[Customer]:
    # Only what the handlers need: the encrypted fields would be decrypted for nothing.
    return Customer.objects.only("id", "mall_customer_id", "registered_at", "last_login_at")


class Known:
    """The customers, products and orders a chunk of events refers to, by mall id, read
    in one query per kind before the chunk is applied and kept up to date as its events
    make records. A record not found here is looked up once more (made since, or by a
    handler applied alone)."""

    def __init__(self, events: list[ValidEvent] | None = None):
        customer_ids, product_ids, order_ids = set(), set(), set()
        for event in events or []:
            data = event.data
            if event.type in {"customer.updated", "customer.logged_in", "order.created"}:
                customer_ids.add(data["customer_id"])
            if event.type == "inventory.snapshot":
                product_ids.add(data["product_id"])
            if event.type == "order.created":
                product_ids.update(item["product_id"] for item in data["items"])
            if event.type == "order.status_changed":
                order_ids.add(data["order_id"])
        self.customers = {row.mall_customer_id: row for row in _customers().filter(mall_customer_id__in=customer_ids)}
        self.products = {row.mall_product_id: row for row in Product.objects.filter(mall_product_id__in=product_ids)}
        self.orders = {row.mall_order_id: row for row in Order.objects.filter(mall_order_id__in=order_ids)}

    def customer(self, mall_customer_id: str) -> Customer:
        customer = self.customers.get(mall_customer_id) or _first(
            _customers().filter(mall_customer_id=mall_customer_id)
        )
        if customer is None or customer.registered_at is None:
            raise Waiting(f"customer:{mall_customer_id}")
        self.customers[mall_customer_id] = customer
        return customer

    def products_of(self, mall_product_ids: set[str]) -> dict[str, Product]:
        """The products by mall id; waits for the first one missing."""
        missing = mall_product_ids - set(self.products)
        if missing:
            self.products.update(
                (row.mall_product_id, row) for row in Product.objects.filter(mall_product_id__in=missing)
            )
        absent = sorted(mall_product_ids - set(self.products))
        if absent:
            raise Waiting(f"product:{absent[0]}")
        return {mall_id: self.products[mall_id] for mall_id in mall_product_ids}

    def order(self, mall_order_id: str) -> Order:
        order = self.orders.get(mall_order_id) or _first(Order.objects.filter(mall_order_id=mall_order_id))
        if order is None:
            raise Waiting(f"order:{mall_order_id}")
        self.orders[mall_order_id] = order
        return order


# Pharmacy types known to be named; entries are never renamed back to unnamed, so a
# process may remember them and spare every registration a query.
_NAMED_PHARMACY_TYPES: set[str] = set()


def _flag_unknown_pharmacy_type(code: str, warnings: list[str]) -> None:
    if code in _NAMED_PHARMACY_TYPES:
        return
    entry = ensure_dictionary_entry(type="pharmacy_type", code=code)
    if entry.is_flagged:
        warnings.append(f"未知的药店类型 {code}，已加入数据字典待管理员命名")
    else:
        _NAMED_PHARMACY_TYPES.add(code)


def customer_registered(event: ValidEvent, warnings: list[str], known: Known) -> list[str]:
    data = dict(event.data)
    invite_code = data.pop("invite_code", "") or None
    if data.get("pharmacy_type"):
        _flag_unknown_pharmacy_type(data["pharmacy_type"], warnings)
    result = customers.record_mall_customer(
        mall_customer_id=data.pop("customer_id"), values=data, at=event.effective_at, invite_code=invite_code
    )
    warnings.extend(result.warnings)
    known.customers[result.customer.mall_customer_id] = result.customer
    return [f"customer:{result.customer.mall_customer_id}"]


def customer_updated(event: ValidEvent, warnings: list[str], known: Known) -> list[str]:
    data = dict(event.data)
    customer = known.customer(data.pop("customer_id"))
    data.pop("invite_code", None)  # binding happens at registration only
    if data.get("pharmacy_type"):
        _flag_unknown_pharmacy_type(data["pharmacy_type"], warnings)
    result = customers.record_mall_customer(
        mall_customer_id=str(customer.mall_customer_id), values=data, at=event.effective_at
    )
    known.customers[customer.mall_customer_id] = result.customer
    return []


def customer_logged_in(event: ValidEvent, warnings: list[str], known: Known) -> list[str]:
    customer = known.customer(event.data["customer_id"])
    customers.record_customer_login(customer=customer, logged_in_at=event.data["logged_in_at"])
    return []


def product_upserted(event: ValidEvent, warnings: list[str], known: Known) -> list[str]:
    data = event.data
    known.products[data["product_id"]] = commerce.upsert_product(
        mall_product_id=data["product_id"],
        name=data["name"],
        spec=data.get("spec", ""),
        unit=data.get("unit", ""),
        manufacturer=data.get("manufacturer", ""),
        price=data["price"],
        category=data.get("category"),
        at=event.effective_at,
    )
    return [f"product:{data['product_id']}"]


def order_created(event: ValidEvent, warnings: list[str], known: Known) -> list[str]:
    data = event.data
    customer = known.customer(data["customer_id"])
    products = known.products_of({item["product_id"] for item in data["items"]})
    items = [{**item, "product": products[item["product_id"]]} for item in data["items"]]
    order, created = commerce.record_order(
        mall_order_id=data["order_id"],
        customer=customer,
        created_at=data["created_at"],
        status=data["status"],
        payment_method=data.get("payment_method", ""),
        items=items,
        discount_amount=data["discount_amount"],
        freight_amount=data["freight_amount"],
        total_amount=data["total_amount"],
    )
    if not created:
        warnings.append("订单已存在，未重复记录")
    known.orders[order.mall_order_id] = order
    return [f"order:{order.mall_order_id}"]


def order_status_changed(event: ValidEvent, warnings: list[str], known: Known) -> list[str]:
    data = event.data
    order = known.order(data["order_id"])
    change = commerce.record_status_change(
        order=order,
        status=data["status"],
        changed_at=data["changed_at"],
        reason=data.get("reason", ""),
        payment_method=data.get("payment_method", ""),
    )
    if change is None:
        warnings.append("该状态变化已记录")
    return []


def inventory_snapshot(event: ValidEvent, warnings: list[str], known: Known) -> list[str]:
    product = known.products_of({event.data["product_id"]})[event.data["product_id"]]
    commerce.record_stock_snapshot(product=product, quantity=event.data["quantity"], as_of=event.data["as_of"])
    return []


HANDLERS: dict[str, Callable[[ValidEvent, list[str], Known], list[str]]] = {
    "customer.registered": customer_registered,
    "customer.updated": customer_updated,
    "customer.logged_in": customer_logged_in,
    "product.upserted": product_upserted,
    "order.created": order_created,
    "order.status_changed": order_status_changed,
    "inventory.snapshot": inventory_snapshot,
}
