from decimal import Decimal

from django.db.models import Count, Max, Q, Sum
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from crm.commerce.filters import ORDER_ORDERING, OrderFilter
from crm.commerce.models import COUNTED_STATUSES, Order, OrderQuerySet
from crm.commerce.permissions import VIEW_ORDER
from crm.commerce.serializers import OrderDetailSerializer, OrderSerializer, OrderSummarySerializer
from crm.core.api import ScopedViewSet
from crm.core.pagination import CountAheadPagination


class OrderViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """我的订单: the orders of the customers in the viewer's scope, plus those credited to
    the people in it (DESIGN.md rule 3)."""

    serializer_class = OrderSerializer
    pagination_class = CountAheadPagination
    filterset_class = OrderFilter
    ordering_fields = ORDER_ORDERING
    ordering = ["-created_at", "-id"]
    read_permission = VIEW_ORDER

    def base_queryset(self) -> OrderQuerySet:
        if self.action == "list":
            return Order.objects.for_list()
        queryset = Order.objects.select_related("customer", "credited_rep", "credited_group")
        if self.action == "retrieve":
            return queryset.select_related("credited_department", "customer__owner").prefetch_related(
                "items__product", "status_changes"
            )
        return queryset

    def get_serializer_class(self) -> type[OrderSerializer]:
        return OrderDetailSerializer if self.action == "retrieve" else OrderSerializer

    @extend_schema(responses=OrderSummarySerializer, filters=True)
    @action(detail=False, methods=["get"], pagination_class=None)
    def summary(self, request: Request) -> Response:
        """The current filter's orders in figures (the list's footer, a customer's totals)."""
        orders = self.filter_queryset(self.get_queryset()).order_by()
        counted = Q(status__in=COUNTED_STATUSES)
        figures = orders.aggregate(
            order_count=Count("id"),
            amount=Sum("total_amount"),
            counted_count=Count("id", filter=counted),
            counted_amount=Sum("total_amount", filter=counted),
            last_paid_at=Max("paid_at", filter=counted),
        )
        figures["total_amount"] = figures.pop("amount") or Decimal("0.00")
        figures["counted_amount"] = figures["counted_amount"] or Decimal("0.00")
        return Response(OrderSummarySerializer(figures).data)
