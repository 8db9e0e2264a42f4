"""Customers (the mall's pharmacies) and who serves them when."""

from django.conf import settings
from django.db import models

from crm.core.crypto import EncryptedTextField
from crm.core.scope import ResolvedScope, ScopedQuerySet, through_customer_q


class CustomerQuerySet(ScopedQuerySet["Customer"]):
    scope_person_field = "owner"

    def in_pool(self) -> "CustomerQuerySet":
        """公海: the customers nobody serves, open to everyone who may claim them."""
        return self.filter(owner__isnull=True)

    def for_list(self) -> "CustomerQuerySet":
        """The customers with what a list row shows: its columns, the owner's name and group,
        the tag codes. The detail's columns stay unread (three more ciphertexts to decrypt
        on every row), and so do the owner's and the group's other columns."""
        return (
            self.select_related("owner__department")
            .only(*LIST_COLUMNS, "owner__display_name", "owner__department__name")
            .prefetch_related(models.Prefetch("tags", queryset=CustomerTag.objects.only("customer_id", "code")))
        )


# The customer's own columns a list row shows.
LIST_COLUMNS = [
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
    "owner",
    "source",
]


class CustomerSource(models.TextChoices):
    MALL = "mall", "商城注册"
    MANUAL = "manual", "手工录入"
    IMPORT = "import", "批量导入"


class Customer(models.Model):
    """A pharmacy, clinic or hospital buying in the mall (单位名称 with its 客户姓名 contact).
    `owner` is the rep serving it now (null: in the public pool); `Ownership` keeps who
    served it when. Phone, email, ID and licence numbers are encrypted; `phone_index` is
    the keyed blind index that finds a customer by exact phone number.

    `field_times` records, per field, the mall time of the value held, so that late or
    repeated events never overwrite a newer value (the contract's convergence rule)."""

    mall_customer_id = models.CharField(max_length=64, unique=True, null=True, blank=True)
    company_name = models.CharField(max_length=200)
    pharmacy_type = models.CharField(max_length=64, db_index=True)
    contact_name = models.CharField(max_length=100)
    phone = EncryptedTextField(blank=True)
    phone_index = models.CharField(max_length=64, blank=True, db_index=True)
    phone_last_four = models.CharField(max_length=4, blank=True, db_index=True)
    email = EncryptedTextField(blank=True)
    id_number = EncryptedTextField(blank=True)
    business_license_no = EncryptedTextField(blank=True)
    province = models.CharField(max_length=50, blank=True)
    city = models.CharField(max_length=50, blank=True)
    district = models.CharField(max_length=50, blank=True)
    address = models.CharField(max_length=255, blank=True)
    # Indexed with the id below.
    registered_at = models.DateTimeField(null=True, blank=True)
    last_login_at = models.DateTimeField(null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="customers"
    )
    # Kept by the commerce services as orders arrive and change (METRICS.md: a purchase is
    # a counted order, at its paid_at); they make the churn status and "no order for N
    # days" a filter on one indexed column.
    last_order_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # The first purchase says when a developed customer converted (METRICS.md).
    first_purchase_at = models.DateTimeField(null=True, blank=True)
    last_purchase_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # From the latest follow-up: when someone last followed the customer up, and the
    # date they set for the next time (the "due today" list).
    last_follow_up_at = models.DateTimeField(null=True, blank=True)
    next_follow_up_on = models.DateField(null=True, blank=True, db_index=True)
    source = models.CharField(max_length=16, choices=CustomerSource.choices, default=CustomerSource.MALL)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    field_times = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CustomerQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_at", "-id"]
        indexes = [
            # A scope's customers newest first (the list's order): a deep page's ids are read
            # from the index alone (`crm.core.pagination`).
            models.Index(fields=["owner", "registered_at", "id"], name="customer_owner_registered"),
            # Everyone's customers newest first: the admin's deep page's ids from the index alone.
            models.Index(fields=["registered_at", "id"], name="customer_registered_ids"),
            models.Index(fields=["owner", "last_purchase_at"]),
            # A scope's idle customers ("no order for N days"), counted from the index alone.
            models.Index(fields=["owner", "last_order_at"], name="customer_owner_last_order"),
            # The ids of a scope's customers, read from the index alone: the semi-join that
            # scopes follow-ups and contacts (`through_customer_q`).
            models.Index(fields=["owner", "id"], name="customer_owner_ids"),
        ]

    def __str__(self) -> str:
        return self.company_name


class OwnershipSource(models.TextChoices):
    INVITE_CODE = "invite_code", "邀请码绑定"
    ASSIGNMENT = "assignment", "分配"
    CLAIM = "claim", "公海领取"
    CREATED = "created", "录入"


class OwnershipQuerySet(ScopedQuerySet["Ownership"]):
    scope_person_field = "customer__owner"


class Ownership(models.Model):
    """A period `[started_at, ended_at)` during which a rep served a customer. Orders are
    credited to the rep whose period covers the order's `created_at` (METRICS.md). The
    first period of a customer says who developed it. Append-only except for closing."""

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="ownerships")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ownerships")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=32, choices=OwnershipSource.choices)
    reason_code = models.CharField(max_length=64, blank=True)
    reason = models.CharField(max_length=255, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Why and by whom the period ended (a reassignment's reason is on the next period).
    end_reason_code = models.CharField(max_length=64, blank=True)
    end_reason = models.CharField(max_length=255, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = OwnershipQuerySet.as_manager()

    class Meta:
        ordering = ["customer_id", "started_at", "id"]
        indexes = [models.Index(fields=["customer", "started_at"]), models.Index(fields=["owner", "started_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["customer"], condition=models.Q(ended_at__isnull=True), name="ownership_one_open_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.customer_id}→{self.owner_id} {self.started_at:%Y-%m-%d}"


class FollowUpQuerySet(ScopedQuerySet["FollowUp"]):
    def scope_q(self, scope: ResolvedScope) -> models.Q:
        # The customer's follow-ups go with the customer (its owner now sees its history);
        # their authors keep seeing what they wrote.
        return through_customer_q(scope, Customer) | scope.person_q("author")


class FollowUp(models.Model):
    """跟进记录: a visit, call or message with a customer, logged by the person who made it,
    with what was said and when to follow up next. Append-only (DESIGN.md rule 5)."""

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="follow_ups")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="follow_ups")
    type = models.CharField(max_length=64)
    content = models.TextField()
    followed_at = models.DateTimeField()
    next_follow_up_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["-followed_at", "-id"]
        indexes = [models.Index(fields=["customer", "followed_at"]), models.Index(fields=["author", "followed_at"])]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.followed_at:%Y-%m-%d}"


class ContactQuerySet(ScopedQuerySet["Contact"]):
    def scope_q(self, scope: ResolvedScope) -> models.Q:
        return through_customer_q(scope, Customer)


class Contact(models.Model):
    """联系人: a person at the customer (the buyer, the pharmacist in charge, the owner)
    beyond the mall's 客户姓名. The phone is encrypted like the customer's."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=100)
    position = models.CharField(max_length=100, blank=True)
    phone = EncryptedTextField(blank=True)
    phone_index = models.CharField(max_length=64, blank=True, db_index=True)
    is_primary = models.BooleanField(default=False)
    notes = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["-is_primary", "id"]

    def __str__(self) -> str:
        return self.name


class ChurnCaseStatus(models.TextChoices):
    OPEN = "open", "流失预警"
    DEFERRED = "deferred", "暂缓流失"
    CONFIRMED = "confirmed", "确认流失"
    RECOVERED = "recovered", "已恢复购买"


class ChurnCaseQuerySet(ScopedQuerySet["ChurnCase"]):
    scope_person_field = "owner"


class ChurnCase(models.Model):
    """客户流失管理: a customer whose last purchase has grown old enough to warn of churn
    (METRICS.md), and what its people decided: defer (暂缓流失, until a date, with a
    reason), confirm (确认流失, with a reason from the dictionary). A purchase closes the
    case as recovered. The workflow never changes the churn figures, which follow the
    orders alone. `steps` keep every decision. `owner` is the customer's owner now (kept by
    the ownership services), so a scope's cases are counted from an index alone."""

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="churn_cases")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, db_index=False, related_name="+"
    )
    status = models.CharField(max_length=16, choices=ChurnCaseStatus.choices, db_index=True)
    opened_at = models.DateTimeField()
    last_purchase_at = models.DateTimeField(help_text="最近成交时间 when the case opened")
    deferred_until = models.DateField(null=True, blank=True)
    reason_code = models.CharField(max_length=64, blank=True)
    reason = models.CharField(max_length=255, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ChurnCaseQuerySet.as_manager()

    class Meta:
        ordering = ["last_purchase_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer"], condition=models.Q(closed_at__isnull=True), name="churn_case_one_active"
            )
        ]
        # The warning list: one status, oldest last purchase first; the owner is in the
        # index so that the scope is checked without reading the cases themselves. A
        # scope's count of cases reads (owner, status).
        indexes = [
            models.Index(fields=["status", "last_purchase_at", "id", "owner"], name="churn_case_worklist"),
            models.Index(fields=["owner", "status"], name="churn_case_owner"),
        ]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.status}"


class ChurnCaseStep(models.Model):
    """One step of a churn case: opened, deferred, reopened (the deferral ran out),
    confirmed, recovered. Append-only."""

    case = models.ForeignKey(ChurnCase, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()
    reason_code = models.CharField(max_length=64, blank=True)
    reason = models.CharField(max_length=255, blank=True)
    until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["case_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action}"


class CustomerTag(models.Model):
    """标签: a label people put on a customer (重点客户, 医保定点…), from the dictionary's
    `customer_tag` list, to filter and group customers by."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="tags")
    code = models.CharField(max_length=64)
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tagged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["customer_id", "code"]
        constraints = [models.UniqueConstraint(fields=["customer", "code"], name="customer_tag_unique")]
        indexes = [models.Index(fields=["code", "customer"])]

    def __str__(self) -> str:
        return f"{self.customer_id}:{self.code}"
