import re

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet

from crm.commerce.models import Order, OrderItem, OrderStatus, Product
from crm.core.filters import IntegerFilter, matches_first
from crm.customers.models import Customer
from crm.org.models import Department
from crm.org.selectors import subtree_ids

# Letters and digits with at least one digit: what the mall's order numbers look like.
_ORDER_NUMBER = re.compile(r"^(?=.*\d)[A-Za-z0-9_-]+$")


def order_number_q(value: str) -> Q:
    """Orders whose number begins with `value`, as typed or in capitals (order numbers are
    capitals in practice); a precise prefix is looked up first on the pattern index (a
    loose one, a month's orders, stays a filter the date order serves)."""
    prefix = Q(mall_order_id__startswith=value)
    if value.upper() != value:
        prefix |= Q(mall_order_id__startswith=value.upper())
    return matches_first(Order, prefix)


def _customers_named(value: str) -> QuerySet[Customer]:
    return Customer.objects.filter(company_name__icontains=value).only("id")


def _with_product_named(value: str) -> Exists:
    # The catalogue is small: find the products first, then the orders with their items.
    products = Product.objects.filter(name__icontains=value).values("id")
    return Exists(OrderItem.objects.filter(order=OuterRef("pk"), product__in=products))


# The columns an order list may be sorted by (the API and exports alike).
ORDER_ORDERING = ["created_at", "total_amount", "paid_at", "status", "mall_order_id", "customer__company_name"]


class OrderFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", label="订单编号、客户名称或产品名称")
    order_number = django_filters.CharFilter(method="filter_order_number", label="订单编号（开头）")
    customer_name = django_filters.CharFilter(method="filter_customer_name", label="客户名称")
    product_name = django_filters.CharFilter(method="filter_product_name")
    customer = IntegerFilter(field_name="customer_id")
    status = django_filters.MultipleChoiceFilter(choices=OrderStatus.choices, distinct=False)
    rep = IntegerFilter(field_name="credited_rep_id", label="业绩归属销售")
    group = IntegerFilter(field_name="credited_group_id", label="业绩归属销售组")
    department = IntegerFilter(method="filter_department", label="业绩归属部门（含下级）")
    created_since = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_until = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    amount_min = django_filters.NumberFilter(field_name="total_amount", lookup_expr="gte")
    amount_max = django_filters.NumberFilter(field_name="total_amount", lookup_expr="lte")

    class Meta:
        model = Order
        fields = [
            "search",
            "order_number",
            "customer_name",
            "product_name",
            "customer",
            "status",
            "rep",
            "group",
            "department",
            "created_since",
            "created_until",
            "amount_min",
            "amount_max",
        ]

    def filter_search(self, queryset: QuerySet[Order], name: str, value: str) -> QuerySet[Order]:
        """An order number (its beginning) when the text looks like one; else the customer's
        or a product's name."""
        value = value.strip()
        if _ORDER_NUMBER.match(value):
            return queryset.filter(order_number_q(value))
        return queryset.filter(Q(customer__in=_customers_named(value)) | _with_product_named(value))

    def filter_order_number(self, queryset: QuerySet[Order], name: str, value: str) -> QuerySet[Order]:
        return queryset.filter(order_number_q(value.strip()))

    def filter_customer_name(self, queryset: QuerySet[Order], name: str, value: str) -> QuerySet[Order]:
        return queryset.filter(customer__in=_customers_named(value.strip()))

    def filter_product_name(self, queryset: QuerySet[Order], name: str, value: str) -> QuerySet[Order]:
        return queryset.filter(_with_product_named(value.strip()))

    def filter_department(self, queryset: QuerySet[Order], name: str, value: int) -> QuerySet[Order]:
        department = Department.objects.filter(id=value).first()
        if department is None:
            return queryset.none()
        return queryset.filter(credited_department_id__in=subtree_ids(department))
