from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from crm.accounts.models import User
from crm.accounts.views import acting_user
from crm.core.api import ScopedViewSet
from crm.core.errors import ValidationFailed
from crm.core.scope import ScopedQuerySet
from crm.customers import services
from crm.customers.filters import CustomerFilter
from crm.customers.models import Customer, CustomerQuerySet, Ownership
from crm.customers.permissions import ASSIGN_CUSTOMER, CLAIM_CUSTOMER, VIEW_CUSTOMER
from crm.customers.serializers import (
    AssignResultSerializer,
    AssignSerializer,
    CustomerDetailSerializer,
    CustomerSerializer,
    OwnershipSerializer,
    ReleaseSerializer,
    RevealedSerializer,
    RevealSerializer,
)

CUSTOMER_ORDERING = [
    "company_name",
    "contact_name",
    "pharmacy_type",
    "province",
    "registered_at",
    "last_login_at",
    "last_order_at",
    "last_purchase_at",
    "owner__display_name",
]


class CustomerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """我的客户: the customers in the viewer's scope, their ownership timeline, and the
    ownership operations (assign, release) and reveals of sensitive fields."""

    serializer_class = CustomerSerializer
    filterset_class = CustomerFilter
    ordering_fields = CUSTOMER_ORDERING
    ordering = ["-registered_at", "-id"]
    read_permission = VIEW_CUSTOMER
    action_permissions = {
        "assign": ASSIGN_CUSTOMER,
        "release": CLAIM_CUSTOMER,
        "reveal": VIEW_CUSTOMER,
    }

    def base_queryset(self) -> CustomerQuerySet:
        return Customer.objects.select_related("owner__department")

    def get_serializer_class(self) -> Any:
        return CustomerDetailSerializer if self.action == "retrieve" else CustomerSerializer

    @extend_schema(responses=OwnershipSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def ownerships(self, request: Request, pk: str) -> Response:
        """客户归属 timeline: who served the customer, from when to when, why and by whom."""
        customer = self.get_object()
        periods = Ownership.objects.filter(customer=customer).select_related("owner", "actor", "ended_by")
        return Response(OwnershipSerializer(periods.order_by("-started_at", "-id"), many=True).data)

    @extend_schema(request=RevealSerializer, responses=RevealedSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def reveal(self, request: Request, pk: str) -> Response:
        serializer = RevealSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        field = serializer.validated_data["field"]
        value = services.reveal_customer_field(actor=acting_user(request), customer=self.get_object(), field_name=field)
        return Response({"field": field, "value": value})

    @extend_schema(request=ReleaseSerializer, responses=CustomerSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def release(self, request: Request, pk: str) -> Response:
        serializer = ReleaseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        customer = services.release_customer(
            actor=acting_user(request), customer=self.get_object(), **serializer.validated_data
        )
        return Response(CustomerSerializer(customer, context=self.get_serializer_context()).data)

    @extend_schema(request=AssignSerializer, responses=AssignResultSerializer)
    @action(detail=False, methods=["post"], filterset_class=None, pagination_class=None)
    def assign(self, request: Request) -> Response:
        """分配 / 调整归属 of one customer or a selection, to one person, with a reason."""
        serializer = AssignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        actor = acting_user(request)
        owner = User.objects.filter(id=data["owner"]).first()
        if owner is None:
            raise ValidationFailed("接收人不存在", fields={"owner": ["请选择接收客户的人员"]})
        ids = set(data["customer_ids"])
        # The customers the actor may move: those in scope, and those in the pool.
        found = list(self.get_queryset().filter(id__in=ids)) + list(
            Customer.objects.filter(id__in=ids, owner__isnull=True).exclude(id__in=self.get_queryset().values("id"))
        )
        if len(found) != len(ids):
            raise ValidationFailed("部分客户不存在或不在您的管理范围内", fields={"customer_ids": ["请重新选择客户"]})
        result = services.assign_customers(
            actor=actor, customers=found, owner=owner, reason_code=data["reason_code"], reason=data["reason"]
        )
        message = f"已将 {len(result.moved)} 位客户调整给 {owner}"
        if result.unchanged:
            message += f"，{len(result.unchanged)} 位原本就归属 {owner}"
        return Response({"moved": len(result.moved), "unchanged": len(result.unchanged), "message": message})


class CustomerPoolViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """公海: customers without an owner, open to everyone who may claim or assign them."""

    serializer_class = CustomerSerializer
    filterset_class = CustomerFilter
    ordering_fields = CUSTOMER_ORDERING
    ordering = ["-registered_at", "-id"]
    read_permission = (CLAIM_CUSTOMER, ASSIGN_CUSTOMER)
    write_permission = CLAIM_CUSTOMER

    def base_queryset(self) -> CustomerQuerySet:
        return Customer.objects.all()

    def scope(self, queryset: ScopedQuerySet[Any]) -> QuerySet[Any]:
        assert isinstance(queryset, CustomerQuerySet)
        return queryset.in_pool()

    @extend_schema(request=None, responses=CustomerSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def claim(self, request: Request, pk: str) -> Response:
        customer = services.claim_customer(actor=acting_user(request), customer=self.get_object())
        return Response(CustomerSerializer(customer, context=self.get_serializer_context()).data)
