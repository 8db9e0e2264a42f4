from typing import Any

from django.utils import timezone
from rest_framework import serializers

from crm.core.masking import CUSTOMER_FIELD_MASKS, mask_customer_fields, mask_phone
from crm.core.serializers import ModelSerializer
from crm.customers.models import ChurnCase, ChurnCaseStep, Contact, Customer, FollowUp, Ownership
from crm.customers.selectors import ChurnStatus, churn_status, churn_thresholds

_LIST_FIELDS = [
    "id",
    "mall_customer_id",
    "company_name",
    "pharmacy_type",
    "contact_name",
    "phone",
    "province",
    "city",
    "district",
    "registered_at",
    "last_login_at",
    "last_order_at",
    "last_purchase_at",
    "last_follow_up_at",
    "next_follow_up_on",
    "status",
    "owner",
    "owner_name",
    "group_name",
    "source",
    "tags",
]


class CustomerSerializer(ModelSerializer):
    """A customer as lists show it: sensitive fields always masked (a permitted person
    reveals one through `reveal`, which is audited)."""

    status = serializers.SerializerMethodField()
    tags = serializers.SerializerMethodField()
    owner_name = serializers.CharField(source="owner.display_name", read_only=True, default="")
    group_name = serializers.CharField(source="owner.department.name", read_only=True, default="")

    class Meta:
        model = Customer
        fields = _LIST_FIELDS

    def get_status(self, customer: Customer) -> ChurnStatus:
        # Read once per response (a list shares its child serializer), not once per row.
        if not hasattr(self, "_thresholds"):
            self._thresholds = churn_thresholds()
        return ChurnStatus(churn_status(customer.last_purchase_at, self._thresholds))

    def get_tags(self, customer: Customer) -> list[str]:
        """The customer's tag codes (labels from the dictionary's customer_tag list)."""
        return sorted(tag.code for tag in customer.tags.all())

    def to_representation(self, instance: Customer) -> dict[str, Any]:
        return mask_customer_fields(super().to_representation(instance), unmasked=set())


class CustomerDetailSerializer(CustomerSerializer):
    revealable = serializers.SerializerMethodField()

    class Meta:
        model = Customer
        fields = [
            *_LIST_FIELDS,
            "email",
            "id_number",
            "business_license_no",
            "address",
            "created_at",
            "revealable",
        ]

    def get_revealable(self, customer: Customer) -> list[str]:
        """The sensitive fields, holding a value, the viewer may reveal."""
        granted = self.context["request"].user.field_permission_codes()
        return [
            name
            for name, (permission, _mask) in CUSTOMER_FIELD_MASKS.items()
            if permission in granted and getattr(customer, name)
        ]


class OwnershipSerializer(ModelSerializer):
    """A period of the ownership timeline. `reason_label` says why it began (a
    reassignment's reason); `end_reason_label` why it ended: the next period's reason when
    the customer was reassigned, the release reason when it went back to the pool. The
    view passes the labels (`context["labels"]`, by (dictionary type, code)) and the
    instants at which a next period began (`context["successor_starts"]`)."""

    owner_name = serializers.CharField(source="owner.display_name", read_only=True)
    reason_label = serializers.SerializerMethodField()
    end_kind = serializers.SerializerMethodField()
    end_reason_label = serializers.SerializerMethodField()
    source_label = serializers.CharField(source="get_source_display", read_only=True)
    actor_name = serializers.CharField(source="actor.display_name", read_only=True, default="")
    ended_by_name = serializers.CharField(source="ended_by.display_name", read_only=True, default="")

    class Meta:
        model = Ownership
        fields = [
            "id",
            "owner",
            "owner_name",
            "started_at",
            "ended_at",
            "source",
            "source_label",
            "reason_code",
            "reason_label",
            "reason",
            "actor_name",
            "end_kind",
            "end_reason_code",
            "end_reason_label",
            "end_reason",
            "ended_by_name",
        ]

    def _label(self, type_code: str, code: str) -> str:
        return str(self.context.get("labels", {}).get((type_code, code), code)) if code else ""

    def get_reason_label(self, period: Ownership) -> str:
        return self._label("reassignment_reason", period.reason_code)

    def get_end_kind(self, period: Ownership) -> str:
        """How the period ended: "" (still open), "reassigned" or "released"."""
        if period.ended_at is None:
            return ""
        return "reassigned" if period.ended_at in self.context.get("successor_starts", set()) else "released"

    def get_end_reason_label(self, period: Ownership) -> str:
        kind = self.get_end_kind(period)
        dictionary = "reassignment_reason" if kind == "reassigned" else "release_reason"
        return self._label(dictionary, period.end_reason_code)


class AssignSerializer(serializers.Serializer[Any]):
    customer_ids = serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=1000)
    owner = serializers.IntegerField()
    reason_code = serializers.CharField(max_length=64)
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class AssignResultSerializer(serializers.Serializer[Any]):
    moved = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    message = serializers.CharField()


class ReleaseSerializer(serializers.Serializer[Any]):
    reason_code = serializers.CharField(max_length=64)
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class RevealSerializer(serializers.Serializer[Any]):
    field = serializers.ChoiceField(choices=list(CUSTOMER_FIELD_MASKS))


class RevealedSerializer(serializers.Serializer[Any]):
    field = serializers.CharField()
    value = serializers.CharField()


class FollowUpSerializer(ModelSerializer):
    customer_name = serializers.CharField(source="customer.company_name", read_only=True)
    author_name = serializers.CharField(source="author.display_name", read_only=True)

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "customer",
            "customer_name",
            "author",
            "author_name",
            "type",
            "content",
            "followed_at",
            "next_follow_up_on",
            "created_at",
        ]
        read_only_fields = ["author", "created_at"]
        extra_kwargs = {"followed_at": {"required": False}}


class ContactSerializer(ModelSerializer):
    """A contact as shown: the phone masked (a permitted person reveals it)."""

    class Meta:
        model = Contact
        fields = ["id", "customer", "name", "position", "phone", "is_primary", "notes", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def to_representation(self, instance: Contact) -> dict[str, Any]:
        shown = super().to_representation(instance)
        if shown.get("phone"):
            shown["phone"] = mask_phone(str(shown["phone"]))
        return shown


class ContactWriteSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=100)
    position = serializers.CharField(max_length=100, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    is_primary = serializers.BooleanField(required=False)
    notes = serializers.CharField(max_length=255, required=False, allow_blank=True)


class ContactCreateSerializer(ContactWriteSerializer):
    customer = serializers.IntegerField()


class ChurnCaseStepSerializer(ModelSerializer):
    actor_name = serializers.CharField(source="actor.display_name", read_only=True, default="")

    class Meta:
        model = ChurnCaseStep
        fields = ["id", "action", "actor_name", "at", "reason_code", "reason", "until"]


class ChurnCaseSerializer(ModelSerializer):
    """A churn case with its customer's standing: last purchase, how many days ago, and
    whether it is lost yet (METRICS.md) or only in warning."""

    customer_name = serializers.CharField(source="customer.company_name", read_only=True)
    owner = serializers.IntegerField(source="customer.owner_id", read_only=True, allow_null=True)
    owner_name = serializers.CharField(source="customer.owner.display_name", read_only=True, default="")
    group_name = serializers.CharField(source="customer.owner.department.name", read_only=True, default="")
    customer_status = serializers.SerializerMethodField()
    days_since_purchase = serializers.SerializerMethodField()
    decided_by_name = serializers.CharField(source="decided_by.display_name", read_only=True, default="")

    class Meta:
        model = ChurnCase
        fields = [
            "id",
            "customer",
            "customer_name",
            "owner",
            "owner_name",
            "group_name",
            "status",
            "customer_status",
            "opened_at",
            "last_purchase_at",
            "days_since_purchase",
            "deferred_until",
            "reason_code",
            "reason",
            "decided_by_name",
            "decided_at",
            "closed_at",
        ]

    def get_customer_status(self, case: ChurnCase) -> ChurnStatus:
        if not hasattr(self, "_thresholds"):
            self._thresholds = churn_thresholds()
        return ChurnStatus(churn_status(case.customer.last_purchase_at, self._thresholds))

    def get_days_since_purchase(self, case: ChurnCase) -> int | None:
        """Days since the last purchase: now for an open case; for a closed one, from the
        purchase the case was about to the day it closed."""
        if case.closed_at is not None:
            return (case.closed_at - case.last_purchase_at).days
        last = case.customer.last_purchase_at
        return (timezone.now() - last).days if last else None


class ChurnCaseDetailSerializer(ChurnCaseSerializer):
    steps = ChurnCaseStepSerializer(many=True, read_only=True)

    class Meta:
        model = ChurnCase
        fields = [*ChurnCaseSerializer.Meta.fields, "steps"]


class DeferChurnSerializer(serializers.Serializer[Any]):
    until = serializers.DateField()
    reason = serializers.CharField(max_length=255)


class ConfirmChurnSerializer(serializers.Serializer[Any]):
    reason_code = serializers.CharField(max_length=64)
    reason = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class CustomerWriteSerializer(serializers.Serializer[Any]):
    """A customer's profile as people enter it (录入) or correct it."""

    company_name = serializers.CharField(max_length=200)
    pharmacy_type = serializers.CharField(max_length=64, required=False, allow_blank=True)
    contact_name = serializers.CharField(max_length=100)
    phone = serializers.CharField(max_length=32)
    email = serializers.EmailField(required=False, allow_blank=True)
    id_number = serializers.CharField(max_length=32, required=False, allow_blank=True)
    business_license_no = serializers.CharField(max_length=64, required=False, allow_blank=True)
    province = serializers.CharField(max_length=50, required=False, allow_blank=True)
    city = serializers.CharField(max_length=50, required=False, allow_blank=True)
    district = serializers.CharField(max_length=50, required=False, allow_blank=True)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)


class CustomerCreateSerializer(CustomerWriteSerializer):
    owner = serializers.IntegerField(required=False, allow_null=True, help_text="归属销售；默认为录入人")


class CustomerImportSerializer(serializers.Serializer[Any]):
    file = serializers.FileField()
    dry_run = serializers.BooleanField(default=True)


class ImportRowSerializer(serializers.Serializer[Any]):
    row = serializers.IntegerField()
    company_name = serializers.CharField()
    status = serializers.ChoiceField(choices=["ok", "created", "error"])
    reasons = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), help_text="why the row is refused, by field"
    )
    customer_id = serializers.IntegerField(allow_null=True)


class ImportResultSerializer(serializers.Serializer[Any]):
    dry_run = serializers.BooleanField()
    total = serializers.IntegerField()
    error_count = serializers.IntegerField()
    rows = ImportRowSerializer(many=True)


class CustomerTagsSerializer(serializers.Serializer[Any]):
    tags = serializers.ListField(child=serializers.CharField(max_length=64), allow_empty=True)
