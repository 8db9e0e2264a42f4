"""What can be exported: each kind names its permission, its columns (the UI's words)
and how a requester's filter becomes rows. Lists and exports share the filters and the
data scope, so an export holds exactly what its requester's list shows; statistics
exports share their screen's query (crm.analytics.statistics_exports)."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone

from crm.accounts.models import User
from crm.commerce.filters import ORDER_ORDERING, OrderFilter
from crm.commerce.models import Order, OrderStatus, PaymentMethod
from crm.commerce.permissions import VIEW_ORDER
from crm.core.errors import ValidationFailed
from crm.core.masking import mask_customer_fields
from crm.customers.filters import CUSTOMER_ORDERING, CustomerFilter
from crm.customers.models import Customer, CustomerSource
from crm.customers.permissions import VIEW_CUSTOMER
from crm.customers.selectors import ChurnStatus, churn_status, churn_thresholds
from crm.dictionary.models import DictionaryEntry

Cell = str | int | Decimal | None


@dataclass(frozen=True)
class ExportKind:
    """`select` checks the requester's parameters (raising ValidationFailed) and answers
    what to write: a queryset, streamed, or a list already computed (statistics);
    `rows` turns it into the file's rows; a document (a report) has its own `write`
    instead, and says which formats it comes in."""

    code: str
    name: str
    permission: str
    headers: list[str]
    select: Callable[[User, dict[str, Any]], Any]
    rows: Callable[[User, Any], Iterator[list[Cell]]]
    formats: tuple[str, ...] = ("xlsx", "csv")
    write: Callable[[Path, str, Any], None] | None = None


def _time(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _filtered(filterset: Any, queryset: QuerySet[Any], params: dict[str, Any], ordering: list[str]) -> QuerySet[Any]:
    query = QueryDict(mutable=True)
    for key, value in params.items():
        if isinstance(value, list):
            query.setlist(key, [str(item) for item in value])
        else:
            query[key] = str(value)
    applied = filterset(query, queryset=queryset)
    if not applied.is_valid():
        raise ValidationFailed(
            "导出条件有误", fields={f"params.{key}": errors for key, errors in applied.errors.items()}
        )
    order = str(params.get("ordering") or "")
    if order and order.lstrip("-") not in ordering:
        raise ValidationFailed("不支持的排序字段", fields={"params.ordering": [f"不能按 {order} 排序"]})
    return applied.qs.order_by(*(order.split(",") if order else []), "id") if order else applied.qs.order_by("id")


def _customers(user: User, params: dict[str, Any]) -> QuerySet[Customer]:
    scoped = Customer.objects.visible_to(user).select_related("owner__department").prefetch_related("tags")
    return _filtered(CustomerFilter, scoped, params, CUSTOMER_ORDERING)


def _customer_rows(user: User, customers: QuerySet[Customer]) -> Iterator[list[Cell]]:
    types = dict(DictionaryEntry.objects.filter(type="pharmacy_type").values_list("code", "label"))
    tag_labels = dict(DictionaryEntry.objects.filter(type="customer_tag").values_list("code", "label"))
    sources = dict(CustomerSource.choices)
    thresholds = churn_thresholds()
    unmasked = user.field_permission_codes()
    for customer in customers.iterator(chunk_size=2000):
        shown = mask_customer_fields({"phone": customer.phone}, unmasked)
        owner = customer.owner
        yield [
            customer.company_name,
            customer.mall_customer_id or "",
            types.get(customer.pharmacy_type, customer.pharmacy_type),
            customer.contact_name,
            str(shown["phone"] or ""),
            customer.province,
            customer.city,
            customer.district,
            customer.address,
            _time(customer.registered_at),
            _time(customer.last_login_at),
            _time(customer.last_order_at),
            _time(customer.last_purchase_at),
            ChurnStatus(churn_status(customer.last_purchase_at, thresholds)).label,
            owner.display_name if owner else "公海",
            owner.department.name if owner and owner.department else "",
            sources.get(customer.source, customer.source),
            "、".join(tag_labels.get(tag.code, tag.code) for tag in customer.tags.all()),
        ]


def _orders(user: User, params: dict[str, Any]) -> QuerySet[Order]:
    scoped = Order.objects.visible_to(user).select_related("customer", "credited_rep", "credited_group")
    return _filtered(OrderFilter, scoped, params, ORDER_ORDERING).prefetch_related("items")


def _order_rows(user: User, orders: QuerySet[Order]) -> Iterator[list[Cell]]:
    statuses, methods = dict(OrderStatus.choices), dict(PaymentMethod.choices)
    for order in orders.iterator(chunk_size=2000):
        items = order.items.all()
        yield [
            order.mall_order_id,
            order.customer.company_name,
            _time(order.created_at),
            statuses.get(order.status, order.status),
            methods.get(order.payment_method, order.payment_method),
            order.total_amount,
            _time(order.paid_at),
            _time(order.shipped_at),
            _time(order.completed_at),
            _time(order.cancelled_at),
            order.credited_rep.display_name if order.credited_rep else "",
            order.credited_group.name if order.credited_group else "",
            "；".join(f"{item.product_name} {item.spec} ×{item.quantity}".replace("  ", " ") for item in items),
        ]


LIST_EXPORTS = [
    ExportKind(
        "customers",
        "客户",
        VIEW_CUSTOMER,
        [
            "单位名称",
            "商城客户编号",
            "药店类型",
            "客户姓名",
            "联系电话",
            "省份",
            "城市",
            "区县",
            "地址",
            "注册时间",
            "最近登录",
            "最近下单",
            "最近成交",
            "客户状态",
            "归属销售",
            "销售组",
            "来源",
            "标签",
        ],
        _customers,
        _customer_rows,
    ),
    ExportKind(
        "orders",
        "订单",
        VIEW_ORDER,
        [
            "订单编号",
            "客户名称",
            "下单时间",
            "订单状态",
            "付款方式",
            "订单金额",
            "付款时间",
            "发货时间",
            "完成时间",
            "取消时间",
            "业绩归属销售",
            "销售组",
            "产品",
        ],
        _orders,
        _order_rows,
    ),
]
