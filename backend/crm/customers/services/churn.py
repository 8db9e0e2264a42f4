"""客户流失管理: the daily review that opens churn cases (流失预警) and closes them when the
customer buys again, and the decisions people take on them: defer (暂缓流失) and confirm
(确认流失). Figures never depend on these decisions (METRICS.md, churn)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from crm.accounts.models import User
from crm.accounts.notifications import notify
from crm.audit.services import record_audit_event
from crm.core.errors import Conflict, Forbidden, ValidationFailed
from crm.customers.models import ChurnCase, ChurnCaseStatus, ChurnCaseStep, Customer
from crm.customers.permissions import CONFIRM_CHURN
from crm.customers.selectors import churn_thresholds
from crm.dictionary.selectors import chosen_entry_label

# A customer due a case: id, last purchase, owner.
DueRow = tuple[int, datetime | None, int | None]
_CHUNK = 5000
# A deferral is a promise to look again; half a year is the longest that still is one.
LONGEST_DEFERRAL = timedelta(days=183)


@dataclass
class ChurnReview:
    opened: int = 0
    recovered: int = 0
    reopened: int = 0


def review_churn(*, now: datetime | None = None) -> ChurnReview:
    """The daily review, in set operations so that it takes seconds at a million
    customers: close the cases of customers who bought again, reopen deferrals that ran
    out, and open a case for every customer past the warning threshold without one.
    Each owner hears of their new cases in one notification."""
    now = now or timezone.now()
    review = ChurnReview()
    with transaction.atomic():
        recovered = ChurnCase.objects.filter(
            closed_at__isnull=True, customer__last_purchase_at__gt=F("last_purchase_at")
        ).values_list("id", flat=True)
        review.recovered = _step_all(list(recovered), "recovered", now, status=ChurnCaseStatus.RECOVERED, close=True)
        ran_out = ChurnCase.objects.filter(
            status=ChurnCaseStatus.DEFERRED, deferred_until__lt=timezone.localtime(now).date()
        ).values_list("id", flat=True)
        review.reopened = _step_all(list(ran_out), "reopened", now, status=ChurnCaseStatus.OPEN)
    thresholds = churn_thresholds(now)
    due = (
        Customer.objects.filter(last_purchase_at__lt=thresholds.warning_before)
        .exclude(Exists(ChurnCase.objects.filter(customer=OuterRef("pk"), closed_at__isnull=True)))
        .values_list("id", "last_purchase_at", "owner_id")
        .order_by("id")
    )
    new_by_owner: Counter[int] = Counter()
    batch: list[DueRow] = []
    for row in due.iterator(chunk_size=_CHUNK):
        batch.append(row)
        if len(batch) >= _CHUNK:
            review.opened += _open_cases(batch, now, new_by_owner)
            batch = []
    review.opened += _open_cases(batch, now, new_by_owner)
    for owner_id, count in new_by_owner.items():
        notify(
            recipient=User.objects.get(id=owner_id),
            title=f"{count} 位客户进入流失预警",
            body="这些客户最近一次成交已超过预警天数，请及时跟进，或暂缓流失。",
            link="/customers/churn",
        )
    return review


@transaction.atomic
def _open_cases(rows: list[DueRow], now: datetime, new_by_owner: Counter[int]) -> int:
    # The review selected customers with a last purchase: `last` is never None here.
    cases = ChurnCase.objects.bulk_create(
        ChurnCase(
            customer_id=customer_id,
            owner_id=owner,
            status=ChurnCaseStatus.OPEN,
            opened_at=now,
            last_purchase_at=last or now,
        )
        for customer_id, last, owner in rows
    )
    ChurnCaseStep.objects.bulk_create(ChurnCaseStep(case=case, action="opened", at=now) for case in cases)
    new_by_owner.update(owner for _customer, _last, owner in rows if owner is not None)
    return len(cases)


def _step_all(case_ids: list[int], action: str, now: datetime, *, status: str, close: bool = False) -> int:
    for start in range(0, len(case_ids), _CHUNK):
        chunk = case_ids[start : start + _CHUNK]
        changes: dict[str, object] = {"status": status}
        if close:
            changes["closed_at"] = now
        ChurnCase.objects.filter(id__in=chunk).update(**changes)
        ChurnCaseStep.objects.bulk_create(ChurnCaseStep(case_id=case_id, action=action, at=now) for case_id in chunk)
    return len(case_ids)


def _check_undecided(case: ChurnCase) -> None:
    if case.closed_at is not None:
        raise Conflict("该客户已恢复购买，流失预警已关闭", code="churn_case_closed")
    if case.status == ChurnCaseStatus.CONFIRMED:
        raise Conflict("该客户已确认流失", code="churn_case_confirmed")


@transaction.atomic
def defer_churn(*, actor: User, case: ChurnCase, until: date, reason: str) -> ChurnCase:
    """暂缓流失: the customer is expected back (a seasonal buyer, a promise); the case
    leaves the warning list until `until`, then the daily review reopens it. The owner
    decides it, or someone who may confirm churn (a supervisor or manager)."""
    _check_undecided(case)
    if case.customer.owner_id != actor.id and not actor.has_code(CONFIRM_CHURN):
        raise Forbidden("只有客户的归属销售或其主管可以暂缓流失")
    today = timezone.localdate()
    if until <= today or until > today + LONGEST_DEFERRAL:
        message = "暂缓日期须在今天之后、半年之内"
        raise ValidationFailed(message, fields={"until": [message]})
    if not reason.strip():
        raise ValidationFailed("请填写暂缓原因", fields={"reason": ["请填写暂缓原因"]})
    return _decide(
        actor, case, "deferred", ChurnCaseStatus.DEFERRED, reason_code="", reason=reason.strip(), until=until
    )


@transaction.atomic
def confirm_churn(*, actor: User, case: ChurnCase, reason_code: str, reason: str = "") -> ChurnCase:
    """确认流失: a supervisor records that the customer is lost, and why (lost_reason)."""
    _check_undecided(case)
    chosen_entry_label("lost_reason", reason_code)
    return _decide(
        actor, case, "confirmed", ChurnCaseStatus.CONFIRMED, reason_code=reason_code, reason=reason, until=None
    )


def _decide(
    actor: User, case: ChurnCase, action: str, status: str, *, reason_code: str, reason: str, until: date | None
) -> ChurnCase:
    now = timezone.now()
    before = {"status": case.status}
    case.status, case.deferred_until = status, until
    case.reason_code, case.reason, case.decided_by, case.decided_at = reason_code, reason, actor, now
    case.save()
    ChurnCaseStep.objects.create(
        case=case, action=action, actor=actor, at=now, reason_code=reason_code, reason=reason, until=until
    )
    record_audit_event(
        actor=actor,
        action=f"churn_{action}",
        target=case.customer,
        before=before,
        after={
            "status": status,
            "reason_code": reason_code,
            "reason": reason,
            "until": until.isoformat() if until else None,
        },
    )
    return case
