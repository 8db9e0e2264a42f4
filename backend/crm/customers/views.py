from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from crm.accounts.models import User
from crm.accounts.views import acting_user
from crm.core.api import ScopedViewSet
from crm.core.errors import ValidationFailed
from crm.core.masking import CUSTOMER_FIELD_MASKS
from crm.core.pagination import CountAheadPagination, SearchCountAheadPagination
from crm.core.scope import ScopedQuerySet
from crm.customers.filters import CUSTOMER_ORDERING, ChurnCaseFilter, ContactFilter, CustomerFilter, FollowUpFilter
from crm.customers.models import (
    ChurnCase,
    ChurnCaseQuerySet,
    Contact,
    ContactQuerySet,
    Customer,
    CustomerQuerySet,
    FollowUp,
    FollowUpQuerySet,
    Ownership,
)
from crm.customers.permissions import (
    ASSIGN_CUSTOMER,
    CLAIM_CUSTOMER,
    CONFIRM_CHURN,
    FOLLOW_UP_CUSTOMER,
    MANAGE_CUSTOMER,
    VIEW_CUSTOMER,
)
from crm.customers.selectors import ChurnStatus
from crm.customers.serializers import (
    AssignResultSerializer,
    AssignSerializer,
    ChurnCaseDetailSerializer,
    ChurnCaseSerializer,
    ConfirmChurnSerializer,
    ContactCreateSerializer,
    ContactSerializer,
    ContactWriteSerializer,
    CustomerCreateSerializer,
    CustomerDetailSerializer,
    CustomerImportSerializer,
    CustomerSerializer,
    CustomerTagsSerializer,
    CustomerWriteSerializer,
    DeferChurnSerializer,
    FollowUpSerializer,
    ImportResultSerializer,
    OwnershipSerializer,
    ReleaseSerializer,
    RevealedSerializer,
    RevealSerializer,
)
from crm.customers.services import churn, contacts, entry, follow_ups, ownership, profile
from crm.customers.services import tags as customer_tags
from crm.dictionary.models import DictionaryEntry


class CustomerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """我的客户: the customers in the viewer's scope, their ownership timeline, and the
    ownership operations (assign, release) and reveals of sensitive fields."""

    serializer_class = CustomerSerializer
    filterset_class = CustomerFilter
    ordering_fields = CUSTOMER_ORDERING
    pagination_class = SearchCountAheadPagination
    read_permission = VIEW_CUSTOMER
    write_permission = MANAGE_CUSTOMER
    action_permissions = {
        "assign": ASSIGN_CUSTOMER,
        "release": CLAIM_CUSTOMER,
        "reveal": VIEW_CUSTOMER,
    }

    @property
    def ordering(self) -> list[str]:
        """Newest registrations first. A list narrowed to the warning or lost band, or to
        idle customers, puts the longest idle first instead: the order they are worked in,
        and that of an index (by registration, the database would sort the whole band)."""
        request = getattr(self, "request", None)
        parameters = request.query_params if request is not None else {}
        if parameters.get("status") in (ChurnStatus.WARNING, ChurnStatus.LOST):
            return ["last_purchase_at", "id"]
        if parameters.get("no_order_days"):
            return ["last_order_at", "id"]
        return ["-registered_at", "-id"]

    def base_queryset(self) -> CustomerQuerySet:
        if self.action == "list":
            return Customer.objects.for_list()
        if self.action == "ownerships":
            # Only whether the viewer may see the customer.
            return Customer.objects.only("id")
        return Customer.objects.select_related("owner__department").prefetch_related("tags")

    def get_serializer_class(self) -> Any:
        return CustomerDetailSerializer if self.action == "retrieve" else CustomerSerializer

    def _read(self, customer: Customer) -> Any:
        fresh = self.base_queryset().get(id=customer.id)
        return CustomerDetailSerializer(fresh, context=self.get_serializer_context()).data

    @extend_schema(request=CustomerCreateSerializer, responses=CustomerDetailSerializer)
    def create(self, request: Request) -> Response:
        """录入客户: a prospect not yet in the mall."""
        serializer = CustomerCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        owner_id = values.pop("owner", None)
        owner = User.objects.filter(id=owner_id).first() if owner_id else None
        if owner_id and owner is None:
            raise ValidationFailed("归属销售不存在", fields={"owner": ["请选择归属销售"]})
        customer = entry.create_customer(actor=acting_user(request), values=values, owner=owner)
        return Response(self._read(customer), status=201)

    @extend_schema(request=CustomerWriteSerializer, responses=CustomerDetailSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        serializer = CustomerWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        customer = entry.update_customer(
            actor=acting_user(request), customer=self.get_object(), values=dict(serializer.validated_data)
        )
        return Response(self._read(customer))

    @extend_schema(request={"multipart/form-data": CustomerImportSerializer}, responses=ImportResultSerializer)
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser],
        filterset_class=None,
        pagination_class=None,
    )
    def import_file(self, request: Request) -> Response:
        """批量导入 from .xlsx or .csv; `dry_run` (the default) only checks every row."""
        serializer = CustomerImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        result = entry.import_customers(
            actor=acting_user(request), upload=upload, name=upload.name, dry_run=serializer.validated_data["dry_run"]
        )
        return Response(
            {
                "dry_run": result.dry_run,
                "total": len(result.rows),
                "error_count": result.error_count,
                "rows": [vars(row) for row in result.rows],
            }
        )

    @extend_schema(responses=OwnershipSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def ownerships(self, request: Request, pk: str) -> Response:
        """客户归属 timeline: who served the customer, from when to when, why and by whom."""
        customer = self.get_object()
        periods = list(
            Ownership.objects.filter(customer=customer)
            .select_related("owner", "actor", "ended_by")
            .order_by("-started_at", "-id")
        )
        entries = DictionaryEntry.objects.filter(type__in=["reassignment_reason", "release_reason"])
        context = {
            "labels": {(entry.type, entry.code): entry.label for entry in entries},
            "successor_starts": {period.started_at for period in periods},
        }
        return Response(OwnershipSerializer(periods, many=True, context=context).data)

    @extend_schema(request=RevealSerializer, responses=RevealedSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def reveal(self, request: Request, pk: str) -> Response:
        serializer = RevealSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        field = serializer.validated_data["field"]
        value = profile.reveal_customer_field(actor=acting_user(request), customer=self.get_object(), field_name=field)
        return Response({"field": field, "value": value})

    @extend_schema(request=CustomerTagsSerializer, responses=CustomerTagsSerializer)
    @action(detail=True, methods=["put"], filterset_class=None)
    def tags(self, request: Request, pk: str) -> Response:
        """Set the customer's tags (codes of the dictionary's customer_tag list)."""
        serializer = CustomerTagsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        codes = customer_tags.set_customer_tags(
            actor=acting_user(request), customer=self.get_object(), codes=serializer.validated_data["tags"]
        )
        return Response({"tags": codes})

    @extend_schema(request=ReleaseSerializer, responses=CustomerSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def release(self, request: Request, pk: str) -> Response:
        serializer = ReleaseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        customer = ownership.release_customer(
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
        result = ownership.assign_customers(
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
        return Customer.objects.for_list() if self.action == "list" else Customer.objects.prefetch_related("tags")

    def scope(self, queryset: ScopedQuerySet[Any]) -> QuerySet[Any]:
        assert isinstance(queryset, CustomerQuerySet)
        return queryset.in_pool()

    @extend_schema(request=None, responses=CustomerSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def claim(self, request: Request, pk: str) -> Response:
        customer = ownership.claim_customer(actor=acting_user(request), customer=self.get_object())
        return Response(CustomerSerializer(customer, context=self.get_serializer_context()).data)


def customer_in_scope(request: Request, customer_id: Any, field: str = "customer") -> Customer:
    """The customer a new record is for, if the caller may see it (else the same answer
    as for a customer that does not exist)."""
    customer = Customer.objects.visible_to(request.user).filter(id=customer_id).first()
    if customer is None:
        raise ValidationFailed("客户不存在或不在您的范围内", fields={field: ["请选择您负责范围内的客户"]})
    return customer


class FollowUpViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """跟进记录: reps log theirs (from a phone, in a few taps); supervisors and managers
    read their people's."""

    serializer_class = FollowUpSerializer
    filterset_class = FollowUpFilter
    ordering_fields = ["followed_at", "next_follow_up_on", "created_at"]
    ordering = ["-followed_at", "-id"]
    read_permission = VIEW_CUSTOMER
    write_permission = FOLLOW_UP_CUSTOMER

    def base_queryset(self) -> FollowUpQuerySet:
        # A row shows the customer's name: its sensitive fields stay undecrypted.
        sensitive = [f"customer__{name}" for name in CUSTOMER_FIELD_MASKS]
        return FollowUp.objects.select_related("customer", "author").defer(*sensitive)

    def create(self, request: Request) -> Response:
        serializer = FollowUpSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        customer = customer_in_scope(request, data.pop("customer").id)
        follow_up = follow_ups.log_follow_up(actor=acting_user(request), customer=customer, **data)
        return Response(FollowUpSerializer(self.base_queryset().get(id=follow_up.id)).data, status=201)


class ContactViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ScopedViewSet):
    """联系人 of the customers in the viewer's scope."""

    serializer_class = ContactSerializer
    filterset_class = ContactFilter
    ordering = ["-is_primary", "id"]
    read_permission = VIEW_CUSTOMER
    write_permission = MANAGE_CUSTOMER
    action_permissions = {"reveal": VIEW_CUSTOMER}

    def base_queryset(self) -> ContactQuerySet:
        return Contact.objects.all()

    @extend_schema(request=ContactCreateSerializer, responses=ContactSerializer)
    def create(self, request: Request) -> Response:
        serializer = ContactCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        customer = customer_in_scope(request, values.pop("customer"))
        contact = contacts.create_contact(actor=acting_user(request), customer=customer, **values)
        return Response(ContactSerializer(contact).data, status=201)

    @extend_schema(request=ContactWriteSerializer, responses=ContactSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        serializer = ContactWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        contact = contacts.update_contact(
            actor=acting_user(request), contact=self.get_object(), **serializer.validated_data
        )
        return Response(ContactSerializer(contact).data)

    def perform_destroy(self, instance: Contact) -> None:
        contacts.delete_contact(actor=acting_user(self.request), contact=instance)

    @extend_schema(request=None, responses=RevealedSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def reveal(self, request: Request, pk: str) -> Response:
        value = contacts.reveal_contact_phone(actor=acting_user(request), contact=self.get_object())
        return Response({"field": "phone", "value": value})


class ChurnCaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """流失预警 of the customers in the viewer's scope: the owner defers (暂缓流失), a
    supervisor or manager confirms (确认流失)."""

    serializer_class = ChurnCaseSerializer
    # A work queue: a few pages ahead is what one works through; the dashboard counts them.
    pagination_class = CountAheadPagination
    filterset_class = ChurnCaseFilter
    ordering_fields = ["last_purchase_at", "opened_at", "deferred_until", "customer__company_name"]
    ordering = ["last_purchase_at", "id"]
    read_permission = VIEW_CUSTOMER
    action_permissions = {"defer": FOLLOW_UP_CUSTOMER, "confirm": CONFIRM_CHURN}

    def base_queryset(self) -> ChurnCaseQuerySet:
        cases = ChurnCase.objects.select_related("customer__owner__department", "decided_by")
        return cases.prefetch_related("steps__actor") if self.action == "retrieve" else cases

    def get_serializer_class(self) -> Any:
        return ChurnCaseDetailSerializer if self.action == "retrieve" else ChurnCaseSerializer

    def _read(self, case: ChurnCase) -> Any:
        fresh = ChurnCase.objects.select_related("customer__owner__department", "decided_by").get(id=case.id)
        return ChurnCaseDetailSerializer(fresh).data

    @extend_schema(request=DeferChurnSerializer, responses=ChurnCaseDetailSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def defer(self, request: Request, pk: str) -> Response:
        serializer = DeferChurnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = churn.defer_churn(actor=acting_user(request), case=self.get_object(), **serializer.validated_data)
        return Response(self._read(case))

    @extend_schema(request=ConfirmChurnSerializer, responses=ChurnCaseDetailSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def confirm(self, request: Request, pk: str) -> Response:
        serializer = ConfirmChurnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = churn.confirm_churn(actor=acting_user(request), case=self.get_object(), **serializer.validated_data)
        return Response(self._read(case))
