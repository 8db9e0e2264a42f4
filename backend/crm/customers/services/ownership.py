"""客户归属 as people decide it: assign and reassign, claim from the public pool, release.
Ownership is a chain of dated periods (DESIGN.md rule 4): a change closes the open period
and opens the next; the past is never rewritten."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from crm.accounts.models import User
from crm.accounts.notifications import notify
from crm.audit.services import record_audit_event
from crm.core.changes import DEVELOPMENT, OWNERSHIP, mark_times_changed
from crm.core.errors import Conflict, Forbidden, ValidationFailed
from crm.customers.models import Customer, Ownership, OwnershipSource
from crm.customers.owner_copies import move_owner_copies
from crm.dictionary.selectors import chosen_entry_label, get_boolean_parameter, get_integer_parameter


def open_period(
    customer: Customer, owner: User, *, at: datetime, source: str, actor: User | None, code: str, reason: str
) -> None:
    if not Ownership.objects.filter(customer=customer).exists():
        # The first period develops the customer (METRICS.md): its day is summarised anew.
        mark_times_changed(subject=DEVELOPMENT, times=[at])
    Ownership.objects.create(
        customer=customer, owner=owner, started_at=at, source=source, reason_code=code, reason=reason, actor=actor
    )
    mark_times_changed(subject=OWNERSHIP, times=[at])
    set_owner(customer, owner)


def close_period(customer: Customer, *, at: datetime, actor: User | None, code: str, reason: str) -> None:
    Ownership.objects.filter(customer=customer, ended_at__isnull=True).update(
        ended_at=at, ended_by=actor, end_reason_code=code, end_reason=reason
    )
    mark_times_changed(subject=OWNERSHIP, times=[at])
    set_owner(customer, None)


def set_owner(customer: Customer, owner: User | None) -> None:
    """The customer's owner now, and every copy of it (its churn cases', its orders', its
    purchase days'): they are seen by its owner's scope."""
    customer.owner = owner
    customer.save(update_fields=["owner", "updated_at"])
    move_owner_copies(customer.id, owner.id if owner else None)


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
    label = chosen_entry_label("reassignment_reason", reason_code)
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
            close_period(customer, at=now, actor=actor, code=reason_code, reason=reason)
            taken_from.setdefault(previous, []).append(customer)
        open_period(
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
            link=f"/customers/{result.moved[0].id}" if len(result.moved) == 1 else "/customers",
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
    open_period(customer, actor, at=timezone.now(), source=OwnershipSource.CLAIM, actor=actor, code="", reason="")
    record_audit_event(actor=actor, action="customer_claimed", target=customer, after={"owner": actor.id})
    return customer


@transaction.atomic
def release_customer(*, actor: User, customer: Customer, reason_code: str, reason: str = "") -> Customer:
    """退回公海: the owner gives a customer back to the pool with a reason; the period
    closes and the customer is anyone's to claim."""
    label = chosen_entry_label("release_reason", reason_code)
    customer = Customer.objects.select_for_update().get(id=customer.id)
    if customer.owner_id != actor.id:
        raise Forbidden("只能退回您自己名下的客户")
    close_period(customer, at=timezone.now(), actor=actor, code=reason_code, reason=reason)
    text = f"{label}：{reason}" if reason else label
    record_audit_event(
        actor=actor, action="customer_released", target=customer, before={"owner": actor.id}, after={"reason": text}
    )
    return customer


IDLE_RETURN_REASON = "idle"


def return_idle_customers(*, now: datetime | None = None) -> int:
    """The optional rule (parameter `pool_return_enabled`, off by default): customers whose
    owner has neither followed them up nor seen an order from them for `pool_return_days`
    days, counted from the later of those and the start of the ownership, go back to the
    public pool. Each owner is told how many. Returns how many customers returned."""
    if not get_boolean_parameter("pool_return_enabled"):
        return 0
    now = now or timezone.now()
    cutoff = now - timedelta(days=get_integer_parameter("pool_return_days"))
    idle = (
        Customer.objects.filter(owner__isnull=False)
        .filter(Q(last_follow_up_at__isnull=True) | Q(last_follow_up_at__lt=cutoff))
        .filter(Q(last_order_at__isnull=True) | Q(last_order_at__lt=cutoff))
        # Not customers their owner took on recently: their open period started after the cutoff.
        .exclude(
            Exists(Ownership.objects.filter(customer=OuterRef("pk"), ended_at__isnull=True, started_at__gte=cutoff))
        )
    )
    returned: Counter[int] = Counter()
    with transaction.atomic():
        for customer in idle.select_for_update():
            assert customer.owner_id is not None
            returned[customer.owner_id] += 1
            close_period(customer, at=now, actor=None, code=IDLE_RETURN_REASON, reason="")
    for owner_id, count in returned.items():
        owner = User.objects.get(id=owner_id)
        record_audit_event(actor=None, action="customers_returned_to_pool", target=owner, after={"customers": count})
        notify(
            recipient=owner,
            title=f"{count} 位客户超期未跟进，已自动退回公海",
            body="系统参数开启了无跟进客户自动退回公海。",
            link="/customers/pool",
        )
    return sum(returned.values())
