"""Delivering signed batches to the webhook, and reading the resulting CRM state as plain
data, for the connector's tests."""

import json
import time
from typing import Any

from django.conf import settings
from rest_framework.test import APIClient

from crm.commerce.models import Order, Product, StockSnapshot
from crm.customers.models import Customer
from crm.sync.signatures import sign

URL = "/api/v1/mall/events"


def deliver(
    events: list[Any] | Any,
    *,
    delivery_id: str = "msg_test",
    secret: str | None = None,
    timestamp: int | None = None,
    body: bytes | None = None,
) -> Any:
    """POST a batch signed as the mall signs it; returns the response."""
    raw = body if body is not None else json.dumps({"events": events}, ensure_ascii=False).encode()
    sent_at = int(time.time()) if timestamp is None else timestamp
    signature = sign(secret or settings.MALL_WEBHOOK_SECRET, delivery_id, sent_at, raw)
    return APIClient().generic(
        "POST",
        URL,
        raw,
        content_type="application/json",
        HTTP_WEBHOOK_ID=delivery_id,
        HTTP_WEBHOOK_TIMESTAMP=str(sent_at),
        HTTP_WEBHOOK_SIGNATURE=signature,
    )


def _time(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def crm_state() -> dict[str, Any]:
    """Everything the connector writes, keyed by the mall's ids, ordered, comparable."""
    customers = {}
    for customer in Customer.objects.select_related("owner").prefetch_related("ownerships__owner"):
        customers[customer.mall_customer_id] = {
            "company_name": customer.company_name,
            "pharmacy_type": customer.pharmacy_type,
            "contact_name": customer.contact_name,
            "phone": customer.phone,
            "email": customer.email,
            "id_number": customer.id_number,
            "business_license_no": customer.business_license_no,
            "region": [customer.province, customer.city, customer.district, customer.address],
            "registered_at": _time(customer.registered_at),
            "last_login_at": _time(customer.last_login_at),
            "owner": customer.owner.username if customer.owner else None,
            "ownerships": [
                [period.owner.username, _time(period.started_at), _time(period.ended_at), period.source]
                for period in customer.ownerships.all()
            ],
        }
    orders = {}
    for order in Order.objects.select_related("customer", "credited_rep", "credited_group", "credited_department"):
        orders[order.mall_order_id] = {
            "customer": order.customer.mall_customer_id,
            "created_at": _time(order.created_at),
            "status": order.status,
            "payment_method": order.payment_method,
            "amounts": [str(order.discount_amount), str(order.freight_amount), str(order.total_amount)],
            "times": [
                _time(order.paid_at),
                _time(order.shipped_at),
                _time(order.completed_at),
                _time(order.cancelled_at),
            ],
            "credited": [
                order.credited_rep.username if order.credited_rep else None,
                order.credited_group.name if order.credited_group else None,
                order.credited_department.name if order.credited_department else None,
            ],
            "items": [
                [
                    item.product.mall_product_id,
                    item.product_name,
                    item.spec,
                    item.quantity,
                    str(item.unit_price),
                    str(item.amount),
                ]
                for item in order.items.select_related("product").order_by("id")
            ],
            "history": sorted(
                [change.status, _time(change.changed_at), change.reason] for change in order.status_changes.all()
            ),
        }
    products = {
        product.mall_product_id: [
            product.name,
            product.spec,
            product.unit,
            product.manufacturer,
            str(product.price),
            product.category.code if product.category else None,
        ]
        for product in Product.objects.select_related("category")
    }
    stock = sorted(
        [snapshot.product.mall_product_id, snapshot.quantity, _time(snapshot.as_of)]
        for snapshot in StockSnapshot.objects.select_related("product")
    )
    return {"customers": customers, "orders": orders, "products": products, "stock": stock}
