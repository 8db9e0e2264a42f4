"""Writing customers and their ownership. The mall connector calls `record_mall_customer`
and `record_customer_login`; the commerce services call `record_order_activity`; people
assign, claim, release and reveal through the rest.
Writes are atomic without a savepoint of their own (`savepoint=False`): a caller that must
survive their failure (the applier, one savepoint per event) provides it."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from crm.accounts.models import User
from crm.accounts.notifications import notify
from crm.audit.services import record_audit_event
from crm.core.crypto import normalise_phone, phone_index
from crm.core.errors import Conflict, Forbidden, ValidationFailed
from crm.core.masking import CUSTOMER_FIELD_MASKS
from crm.customers.models import Customer, Ownership, OwnershipSource
from crm.dictionary.selectors import active_entry_label, get_integer_parameter

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


def _set_field(customer: Customer, name: str, value: Any) -> None:
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
    customer already has an ownership history (a manager's decision stands)."""
    customer = Customer.objects.select_for_update().filter(mall_customer_id=mall_customer_id).first()
    created = customer is None
    if customer is None:
        customer = Customer(mall_customer_id=mall_customer_id)
    stamp = at.isoformat()
    times = dict(customer.field_times)
    for name, value in values.items():
        if name not in MALL_FIELDS:
            continue
        if name in times and datetime.fromisoformat(times[name]) > at:
            continue
        _set_field(customer, name, value)
        times[name] = stamp
    customer.field_times = times
    customer.save()
    result = MallCustomerResult(customer=customer, created=created)
    if invite_code and customer.registered_at:
        _bind_by_invite_code(customer, invite_code, result)
    return result


def _bind_by_invite_code(customer: Customer, invite_code: str, result: MallCustomerResult) -> None:
    if Ownership.objects.filter(customer=customer).exists():
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
    customer.owner = rep
    customer.save(update_fields=["owner", "updated_at"])


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
    moves forward to it."""
    _move_forward(customer_id, "last_purchase_at", paid_at)


def set_latest_purchase(*, customer_id: int, last_purchase_at: datetime | None) -> None:
    """最近成交时间 as the commerce services recounted it, after a purchase stopped
    counting (a paid order cancelled): it may move back."""
    Customer.objects.filter(id=customer_id).update(last_purchase_at=last_purchase_at)


# ---- Ownership: who serves a customer, as people decide it ---------------------------


def _open_period(
    customer: Customer, owner: User, *, at: datetime, source: str, actor: User | None, code: str, reason: str
) -> None:
    Ownership.objects.create(
        customer=customer, owner=owner, started_at=at, source=source, reason_code=code, reason=reason, actor=actor
    )
    customer.owner = owner
    customer.save(update_fields=["owner", "updated_at"])


def _close_period(customer: Customer, *, at: datetime, actor: User | None, code: str, reason: str) -> None:
    Ownership.objects.filter(customer=customer, ended_at__isnull=True).update(
        ended_at=at, ended_by=actor, end_reason_code=code, end_reason=reason
    )
    customer.owner = None
    customer.save(update_fields=["owner", "updated_at"])


def _reason_label(type_code: str, code: str, field: str = "reason_code") -> str:
    label = active_entry_label(type_code, code)
    if label is None:
        raise ValidationFailed("请选择有效的原因", fields={field: [f"原因 {code} 不在数据字典中或已停用"]})
    return label


@dataclass
class AssignmentResult:
    """What a (bulk) assignment did: the customers moved, and those already with the owner."""

    moved: list[Customer] = field(default_factory=list)
    unchanged: list[Customer] = field(default_factory=list)


@transaction.atomic
def assign_customers(
    *, actor: User, customers: list[Customer], owner: User, reason_code: str, reason: str = ""
) -> AssignmentResult:
    """分配 / 调整归属: give customers to `owner` from now on. The previous period closes and a
    new one opens (history is never rewritten: past orders stay credited to whom they
    were); the audit trail records it and the old and new owners are told in the app.
    The actor may move customers they can see, or customers in the pool, to people they
    can see (a supervisor inside the group, a manager inside the tree)."""
    label = _reason_label("reassignment_reason", reason_code)
    if not owner.is_active:
        raise ValidationFailed(f"{owner} 已停用，不能接收客户", fields={"owner": ["该人员已停用"]})
    if not User.objects.visible_to(actor).filter(id=owner.id).exists():
        raise Forbidden(f"{owner} 不在您的管理范围内", fields={"owner": ["只能分配给您管理范围内的人员"]})
    visible = set(
        Customer.objects.visible_to(actor)
        .filter(id__in=[customer.id for customer in customers])
        .values_list("id", flat=True)
    )
    outside = [customer for customer in customers if customer.id not in visible and customer.owner_id is not None]
    if outside:
        raise Forbidden(f"{outside[0]} 不在您的管理范围内", fields={"customer_ids": ["包含您管理范围外的客户"]})
    now = timezone.now()
    result = AssignmentResult()
    taken_from: dict[int, list[Customer]] = {}
    text = f"{label}：{reason}" if reason else label
    for customer in Customer.objects.select_for_update().filter(id__in=[customer.id for customer in customers]):
        if customer.owner_id == owner.id:
            result.unchanged.append(customer)
            continue
        previous = customer.owner_id
        if previous is not None:
            _close_period(customer, at=now, actor=actor, code=reason_code, reason=reason)
            taken_from.setdefault(previous, []).append(customer)
        _open_period(
            customer, owner, at=now, source=OwnershipSource.ASSIGNMENT, actor=actor, code=reason_code, reason=reason
        )
        record_audit_event(
            actor=actor,
            action="customer_reassigned",
            target=customer,
            before={"owner": previous},
            after={"owner": owner.id, "reason": text},
        )
        result.moved.append(customer)
    if result.moved:
        notify(
            recipient=owner,
            title=f"{actor} 将 {len(result.moved)} 位客户分配给您",
            body=f"原因：{text}。客户：{_names(result.moved)}",
            link="/customers",
        )
    for previous_id, moved in taken_from.items():
        if previous_id != actor.id:
            notify(
                recipient=User.objects.get(id=previous_id),
                title=f"{actor} 将您的 {len(moved)} 位客户调整给 {owner}",
                body=f"原因：{text}。客户：{_names(moved)}",
                link="/customers",
            )
    return result


def _names(customers: list[Customer]) -> str:
    shown = "、".join(customer.company_name for customer in customers[:5])
    return shown + (f" 等 {len(customers)} 位" if len(customers) > 5 else "")


@transaction.atomic
def claim_customer(*, actor: User, customer: Customer) -> Customer:
    """领取: a rep takes a customer from the public pool, up to the number of customers a
    rep may hold (parameter `pool_claim_limit`, 0 = no limit)."""
    customer = Customer.objects.select_for_update().get(id=customer.id)
    if customer.owner_id is not None:
        raise Conflict(f"{customer} 已有归属销售，不在公海中", code="not_in_pool")
    limit = get_integer_parameter("pool_claim_limit")
    held = Customer.objects.filter(owner=actor).count()
    if limit and held >= limit:
        raise Conflict(f"您名下已有 {held} 位客户，达到上限 {limit}，不能再领取", code="claim_limit_reached")
    _open_period(customer, actor, at=timezone.now(), source=OwnershipSource.CLAIM, actor=actor, code="", reason="")
    record_audit_event(actor=actor, action="customer_claimed", target=customer, after={"owner": actor.id})
    return customer


@transaction.atomic
def release_customer(*, actor: User, customer: Customer, reason_code: str, reason: str = "") -> Customer:
    """退回公海: the owner gives a customer back to the pool with a reason; the period
    closes and the customer is anyone's to claim."""
    label = _reason_label("release_reason", reason_code)
    customer = Customer.objects.select_for_update().get(id=customer.id)
    if customer.owner_id != actor.id:
        raise Forbidden("只能退回您自己名下的客户")
    _close_period(customer, at=timezone.now(), actor=actor, code=reason_code, reason=reason)
    text = f"{label}：{reason}" if reason else label
    record_audit_event(
        actor=actor, action="customer_released", target=customer, before={"owner": actor.id}, after={"reason": text}
    )
    return customer


def reveal_customer_field(*, actor: User, customer: Customer, field_name: str) -> str:
    """The plain value of one sensitive field, for a person whose role may see it; every
    reveal is audited (DESIGN.md rule 8)."""
    if field_name not in CUSTOMER_FIELD_MASKS:
        raise ValidationFailed("该字段不是敏感字段", fields={"field": [f"未知的敏感字段 {field_name}"]})
    permission, _mask = CUSTOMER_FIELD_MASKS[field_name]
    if permission not in actor.field_permission_codes():
        raise Forbidden("您的角色不能查看该字段的明文")
    record_audit_event(actor=actor, action="customer_field_revealed", target=customer, after={"field": field_name})
    return str(getattr(customer, field_name) or "")
