import re
from datetime import timedelta

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from crm.core.crypto import normalise_phone, phone_index
from crm.core.filters import IntegerFilter, matches_first
from crm.customers.models import ChurnCase, ChurnCaseStatus, Contact, Customer, CustomerTag, FollowUp
from crm.customers.selectors import ChurnStatus, churn_status_q, churn_thresholds
from crm.org.models import Department
from crm.org.selectors import subtree_ids

_DIGITS = re.compile(r"^[\d\s+()-]+$")
# The columns a customer list may be sorted by (the API and exports alike).
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
    "next_follow_up_on",
    "last_follow_up_at",
]


def phone_q(value: str) -> Q:
    """An exact number in any usual notation (blind index), or its last four digits."""
    digits = normalise_phone(value)
    if len(digits) == 4:
        return Q(phone_last_four=digits)
    return Q(phone_index=phone_index(value))


class CustomerFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", label="单位名称、客户姓名、电话或商城客户编号")
    phone = django_filters.CharFilter(method="filter_phone", label="联系电话（完整号码或后四位）")
    owner = IntegerFilter(field_name="owner_id")
    group = IntegerFilter(field_name="owner__department_id", label="销售组")
    department = IntegerFilter(method="filter_department", label="部门（含下级）")
    pharmacy_type = django_filters.CharFilter()
    province = django_filters.CharFilter()
    city = django_filters.CharFilter()
    source = django_filters.CharFilter()
    status = django_filters.ChoiceFilter(choices=ChurnStatus.choices, method="filter_status", label="客户状态")
    registered_since = django_filters.IsoDateTimeFilter(field_name="registered_at", lookup_expr="gte")
    registered_until = django_filters.IsoDateTimeFilter(field_name="registered_at", lookup_expr="lt")
    last_login_since = django_filters.IsoDateTimeFilter(field_name="last_login_at", lookup_expr="gte")
    last_login_until = django_filters.IsoDateTimeFilter(field_name="last_login_at", lookup_expr="lt")
    no_order_days = IntegerFilter(method="filter_no_order_days", label="超过 N 天未下单")
    follow_up_due = django_filters.BooleanFilter(method="filter_follow_up_due", label="今天及以前应跟进")
    tag = django_filters.CharFilter(method="filter_tag", label="标签（字典 customer_tag 的编码）")

    class Meta:
        model = Customer
        fields = [
            "search",
            "phone",
            "owner",
            "group",
            "department",
            "pharmacy_type",
            "province",
            "city",
            "source",
            "status",
            "registered_since",
            "registered_until",
            "last_login_since",
            "last_login_until",
            "no_order_days",
            "follow_up_due",
            "tag",
        ]

    def filter_search(self, queryset: QuerySet[Customer], name: str, value: str) -> QuerySet[Customer]:
        value = value.strip()
        if _DIGITS.match(value) and len(normalise_phone(value)) >= 4:
            return queryset.filter(phone_q(value) | Q(mall_customer_id=value))
        # A name is looked up first on the trigram indexes when it is rare in the book.
        names = Q(company_name__icontains=value) | Q(contact_name__icontains=value)
        return queryset.filter(matches_first(Customer, names) | Q(mall_customer_id=value))

    def filter_phone(self, queryset: QuerySet[Customer], name: str, value: str) -> QuerySet[Customer]:
        return queryset.filter(phone_q(value))

    def filter_department(self, queryset: QuerySet[Customer], name: str, value: int) -> QuerySet[Customer]:
        department = Department.objects.filter(id=value).first()
        if department is None:
            return queryset.none()
        return queryset.filter(owner__department_id__in=subtree_ids(department))

    def filter_status(self, queryset: QuerySet[Customer], name: str, value: str) -> QuerySet[Customer]:
        return queryset.filter(churn_status_q(value, churn_thresholds()))

    def filter_no_order_days(self, queryset: QuerySet[Customer], name: str, value: int) -> QuerySet[Customer]:
        before = timezone.now() - timedelta(days=int(value))
        return queryset.filter(Q(last_order_at__isnull=True) | Q(last_order_at__lt=before))

    def filter_tag(self, queryset: QuerySet[Customer], name: str, value: str) -> QuerySet[Customer]:
        return queryset.filter(id__in=CustomerTag.objects.filter(code=value).values("customer_id"))

    def filter_follow_up_due(self, queryset: QuerySet[Customer], name: str, value: bool) -> QuerySet[Customer]:
        today = timezone.localdate()
        if value:
            return queryset.filter(next_follow_up_on__lte=today)
        return queryset.filter(Q(next_follow_up_on__isnull=True) | Q(next_follow_up_on__gt=today))


class FollowUpFilter(django_filters.FilterSet):
    customer = IntegerFilter(field_name="customer_id")
    author = IntegerFilter(field_name="author_id")
    type = django_filters.CharFilter()
    since = django_filters.IsoDateTimeFilter(field_name="followed_at", lookup_expr="gte")
    until = django_filters.IsoDateTimeFilter(field_name="followed_at", lookup_expr="lt")
    search = django_filters.CharFilter(method="filter_search", label="跟进内容或客户名称")

    class Meta:
        model = FollowUp
        fields = ["customer", "author", "type", "since", "until", "search"]

    def filter_search(self, queryset: QuerySet[FollowUp], name: str, value: str) -> QuerySet[FollowUp]:
        return queryset.filter(Q(content__icontains=value) | Q(customer__company_name__icontains=value))


class ContactFilter(django_filters.FilterSet):
    customer = IntegerFilter(field_name="customer_id")

    class Meta:
        model = Contact
        fields = ["customer"]


class ChurnCaseFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=ChurnCaseStatus.choices, distinct=False)
    owner = IntegerFilter(field_name="customer__owner_id")
    group = IntegerFilter(field_name="customer__owner__department_id")
    customer = IntegerFilter(field_name="customer_id")
    search = django_filters.CharFilter(field_name="customer__company_name", lookup_expr="icontains")
    customer_status = django_filters.ChoiceFilter(
        choices=[(ChurnStatus.WARNING, ChurnStatus.WARNING.label), (ChurnStatus.LOST, ChurnStatus.LOST.label)],
        method="filter_customer_status",
        label="流失预警或已流失",
    )

    class Meta:
        model = ChurnCase
        fields = ["status", "owner", "group", "customer", "search", "customer_status"]

    def filter_customer_status(self, queryset: QuerySet[ChurnCase], name: str, value: str) -> QuerySet[ChurnCase]:
        band = churn_status_q(value, churn_thresholds())
        return queryset.filter(customer__in=Customer.objects.filter(band))
