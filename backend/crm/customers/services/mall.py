"""Customers as the mall tells of them. The mall connector calls `record_mall_customer`
and `record_customer_login`; the commerce services keep each customer's latest order and
purchase through the `record_*` functions below.
Writes are atomic without a savepoint of their own (`savepoint=False`): a caller that must
survive their failure (the applier, one savepoint per event) provides it."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q

from crm.accounts.models import User
from crm.core.changes import DEVELOPMENT, OWNERSHIP, REGISTRATION, mark_times_changed
from crm.core.crypto import normalise_phone, phone_index
from crm.customers.models import Customer, Ownership, OwnershipSource
from crm.customers.services.ownership import set_owner

# The fields the mall owns, in the contract's names.
MALL_FIELDS = (
    "company_name",
    "pharmacy_type",
    "contact_name",
    "phone",
    "email",
    "id_number",
    "business_license_no",
    "province",
    "city",
    "district",
    "address",
    "registered_at",
)


@dataclass
class MallCustomerResult:
    customer: Customer
    created: bool
    warnings: list[str] = field(default_factory=list)


def set_customer_field(customer: Customer, name: str, value: Any) -> None:
    """Set one profile field; the phone keeps its blind index and last four digits."""
    if name == "phone":
        digits = normalise_phone(value or "")
        customer.phone = value or ""
        customer.phone_index = phone_index(value) if value else ""
        customer.phone_last_four = digits[-4:] if value else ""
    else:
        setattr(customer, name, value if value is not None else "")


@transaction.atomic(savepoint=False)
def record_mall_customer(
    *,
    mall_customer_id: str,
    values: dict[str, Any],
    at: datetime,
    invite_code: str | None = None,
) -> MallCustomerResult:
    """Take the mall's values for a customer as of mall time `at`. A field keeps the value
    of the latest time it was given, whatever order the values arrive in. A registration
    with a rep's invite code opens that rep's ownership from `registered_at`, unless the
    customer already has an ownership history (a manager's decision stands). A customer
    entered in the CRM with the same phone and not yet in the mall becomes this one."""
    customer = Customer.objects.select_for_update().filter(mall_customer_id=mall_customer_id).first()
    created = customer is None
    linked = None
    if customer is None and values.get("phone"):
        linked = _entered_with_phone(str(values["phone"]))
    if customer is None:
        customer = linked or Customer(mall_customer_id=mall_customer_id)
        customer.mall_customer_id = mall_customer_id
    stamp = at.isoformat()
    # Churn and composition count customers by registration day, composition by type and province.
    registered_before = customer.registered_at
    counted_before = (customer.pharmacy_type, customer.province)
    times = dict(customer.field_times)
    for name, value in values.items():
        if name not in MALL_FIELDS:
            continue
        if name in times and datetime.fromisoformat(times[name]) > at:
            continue
        set_customer_field(customer, name, value)
        times[name] = stamp
    customer.field_times = times
    customer.save()
    if customer.registered_at != registered_before or (customer.pharmacy_type, customer.province) != counted_before:
        mark_times_changed(subject=REGISTRATION, times=[registered_before, customer.registered_at])
    result = MallCustomerResult(customer=customer, created=created)
    if linked is not None:
        result.warnings.append(f"已按联系电话与 CRM 中录入的客户 {linked.company_name} 关联")
    if invite_code and customer.registered_at:
        _bind_by_invite_code(customer, invite_code, result)
    return result


def _entered_with_phone(phone: str) -> Customer | None:
    # Only a phone-indexed lookup: registrations are many, and most find nobody.
    rows = Customer.objects.select_for_update().filter(mall_customer_id__isnull=True, phone_index=phone_index(phone))
    return rows.order_by("id").first()


def _bind_by_invite_code(customer: Customer, invite_code: str, result: MallCustomerResult) -> None:
    if Ownership.objects.filter(customer=customer).exists():
        if (
            customer.owner_id
            and not User.objects.filter(id=customer.owner_id, invite_code=invite_code.strip().upper()).exists()
        ):
            result.warnings.append(f"客户已有归属销售，邀请码 {invite_code} 未改变归属")
        return
    rep = User.objects.filter(invite_code=invite_code.strip().upper()).first()
    if rep is None:
        result.warnings.append(f"邀请码 {invite_code} 不属于任何销售员，客户进入公海")
        return
    if not rep.is_active:
        result.warnings.append(f"邀请码 {invite_code} 属于已停用的 {rep}，客户进入公海")
        return
    assert customer.registered_at is not None
    Ownership.objects.create(
        customer=customer, owner=rep, started_at=customer.registered_at, source=OwnershipSource.INVITE_CODE
    )
    mark_times_changed(subject=DEVELOPMENT, times=[customer.registered_at])
    mark_times_changed(subject=OWNERSHIP, times=[customer.registered_at])
    set_owner(customer, rep)


@transaction.atomic(savepoint=False)
def record_customer_login(*, customer: Customer, logged_in_at: datetime) -> Customer:
    """最近一次登录时间 is the latest login the mall reported, in whatever order."""
    if customer.last_login_at is None or logged_in_at > customer.last_login_at:
        customer.last_login_at = logged_in_at
        customer.save(update_fields=["last_login_at", "updated_at"])
    return customer


def _move_forward(customer_id: int, field_name: str, at: datetime) -> None:
    later = Q(**{f"{field_name}__isnull": True}) | Q(**{f"{field_name}__lt": at})
    Customer.objects.filter(id=customer_id).filter(later).update(**{field_name: at})


def record_latest_order(*, customer_id: int, ordered_at: datetime) -> None:
    """最近下单时间 only moves forward, whatever order the orders arrive in."""
    _move_forward(customer_id, "last_order_at", ordered_at)


def record_purchase(*, customer_id: int, paid_at: datetime) -> None:
    """An order became a purchase (METRICS.md: counted, at its paid_at): 最近成交时间
    moves forward to it, and the first purchase back to it. A new first purchase changes
    when the customer converted, so its development day is summarised anew."""
    _move_forward(customer_id, "last_purchase_at", paid_at)
    earlier = Q(first_purchase_at__isnull=True) | Q(first_purchase_at__gt=paid_at)
    if Customer.objects.filter(id=customer_id).filter(earlier).update(first_purchase_at=paid_at):
        mark_development_changed(customer_id=customer_id)


def set_purchase_span(
    *, customer_id: int, first_purchase_at: datetime | None, last_purchase_at: datetime | None
) -> None:
    """The first purchase and 最近成交时间 as the commerce services recounted them, after a
    purchase stopped counting (a paid order cancelled): either may move."""
    Customer.objects.filter(id=customer_id).update(
        first_purchase_at=first_purchase_at, last_purchase_at=last_purchase_at
    )
    mark_development_changed(customer_id=customer_id)


def mark_development_changed(*, customer_id: int) -> None:
    """The customer's development (who developed it when, and whether it converted) is
    summarised on the day its first ownership started."""
    first = Ownership.objects.filter(customer_id=customer_id).order_by("started_at", "id").first()
    if first is not None:
        mark_times_changed(subject=DEVELOPMENT, times=[first.started_at])
