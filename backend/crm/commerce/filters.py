import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet

from crm.commerce.models import Order, OrderItem, OrderStatus
from crm.core.filters import IntegerFilter
from crm.org.models import Department
from crm.org.selectors import subtree_ids

# The columns an order list may be sorted by (the API and exports alike).
ORDER_ORDERING = ["created_at", "total_amount", "paid_at", "status", "mall_order_id", "customer__company_name"]


class OrderFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", label="订单编号、客户名称或产品名称")
    order_number = django_filters.CharFilter(field_name="mall_order_id", lookup_expr="istartswith")
    customer_name = django_filters.CharFilter(field_name="customer__company_name", lookup_expr="icontains")
    product_name = django_filters.CharFilter(method="filter_product_name")
    customer = IntegerFilter(field_name="customer_id")
    status = django_filters.MultipleChoiceFilter(choices=OrderStatus.choices)
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
        value = value.strip()
        return queryset.filter(
            Q(mall_order_id__istartswith=value)
            | Q(customer__company_name__icontains=value)
            | Exists(OrderItem.objects.filter(order=OuterRef("pk"), product_name__icontains=value))
        )

    def filter_product_name(self, queryset: QuerySet[Order], name: str, value: str) -> QuerySet[Order]:
        return queryset.filter(Exists(OrderItem.objects.filter(order=OuterRef("pk"), product_name__icontains=value)))

    def filter_department(self, queryset: QuerySet[Order], name: str, value: int) -> QuerySet[Order]:
        department = Department.objects.filter(id=value).first()
        if department is None:
            return queryset.none()
        return queryset.filter(credited_department_id__in=subtree_ids(department))
