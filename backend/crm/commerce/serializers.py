from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crm.commerce.models import Order, OrderItem, OrderStatusChange
from crm.core.serializers import ModelSerializer


class OrderSerializer(ModelSerializer):
    """An order as lists show it, with the rep, group and department credited with it."""

    customer_name = serializers.CharField(source="customer.company_name", read_only=True)
    credited_rep_name = serializers.CharField(source="credited_rep.display_name", read_only=True, default="")
    credited_group_name = serializers.CharField(source="credited_group.name", read_only=True, default="")
    products = serializers.SerializerMethodField()

    class Meta:
        model = Order
        fields = [
            "id",
            "mall_order_id",
            "customer",
            "customer_name",
            "created_at",
            "status",
            "payment_method",
            "total_amount",
            "paid_at",
            "shipped_at",
            "completed_at",
            "cancelled_at",
            "credited_rep",
            "credited_rep_name",
            "credited_group_name",
            "products",
        ]

    def get_products(self, order: Order) -> str:
        """The products ordered, in short: "阿莫西林胶囊 等 3 种"."""
        items = list(order.items.all())
        if not items:
            return ""
        return items[0].product_name + (f" 等 {len(items)} 种" if len(items) > 1 else "")


class OrderItemSerializer(ModelSerializer):
    mall_product_id = serializers.CharField(source="product.mall_product_id", read_only=True)

    class Meta:
        model = OrderItem
        fields = ["id", "product", "mall_product_id", "product_name", "spec", "quantity", "unit_price", "amount"]


class OrderStatusChangeSerializer(ModelSerializer):
    class Meta:
        model = OrderStatusChange
        fields = ["id", "status", "changed_at", "reason", "payment_method"]


class OrderDetailSerializer(OrderSerializer):
    items = OrderItemSerializer(many=True, read_only=True)
    status_changes = serializers.SerializerMethodField()
    credited_department_name = serializers.CharField(source="credited_department.name", read_only=True, default="")
    customer_contact_name = serializers.CharField(source="customer.contact_name", read_only=True)
    customer_owner_name = serializers.CharField(source="customer.owner.display_name", read_only=True, default="")

    class Meta:
        model = Order
        fields = [
            *OrderSerializer.Meta.fields,
            "discount_amount",
            "freight_amount",
            "credited_department_name",
            "customer_contact_name",
            "customer_owner_name",
            "items",
            "status_changes",
        ]

    @extend_schema_field(OrderStatusChangeSerializer(many=True))
    def get_status_changes(self, order: Order) -> Any:
        """The timeline in time order (生成, 付款, 发货, 完成, 取消), late arrivals in place."""
        changes = sorted(order.status_changes.all(), key=lambda change: (change.changed_at, change.id))
        return OrderStatusChangeSerializer(changes, many=True).data


class OrderSummarySerializer(serializers.Serializer[Any]):
    """The orders of a filter in figures: how many and their total, and of them the counted
    ones (paid, not cancelled: METRICS.md) and their total."""

    order_count = serializers.IntegerField()
    total_amount = serializers.DecimalField(max_digits=18, decimal_places=2)
    counted_count = serializers.IntegerField()
    counted_amount = serializers.DecimalField(max_digits=18, decimal_places=2)
    last_paid_at = serializers.DateTimeField(allow_null=True)
