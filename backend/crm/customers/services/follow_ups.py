"""跟进记录: people log what they did with a customer and when to follow up next."""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from crm.accounts.models import User
from crm.core.errors import ValidationFailed
from crm.customers.models import Customer, FollowUp
from crm.dictionary.selectors import chosen_entry_label

# A phone's clock may run a little ahead; a follow-up further in the future is a mistake.
_CLOCK_TOLERANCE = timedelta(minutes=5)


@transaction.atomic
def log_follow_up(
    *,
    actor: User,
    customer: Customer,
    type: str,
    content: str,
    followed_at: datetime | None = None,
    next_follow_up_on: date | None = None,
) -> FollowUp:
    """Record a follow-up by `actor` (who must see the customer: the view checks it).
    The customer's last follow-up time and next follow-up date come from its latest
    follow-up, so the "due today" list is one indexed filter."""
    chosen_entry_label("follow_up_type", type, field="type")
    now = timezone.now()
    followed_at = followed_at or now
    if followed_at > now + _CLOCK_TOLERANCE:
        raise ValidationFailed("跟进时间不能晚于现在", fields={"followed_at": ["跟进时间不能晚于现在"]})
    if not content.strip():
        raise ValidationFailed("请填写跟进内容", fields={"content": ["请填写跟进内容"]})
    local_day = timezone.localtime(followed_at).date()
    if next_follow_up_on is not None and next_follow_up_on < local_day:
        message = "下次跟进日期不能早于本次跟进日期"
        raise ValidationFailed(message, fields={"next_follow_up_on": [message]})
    follow_up = FollowUp.objects.create(
        customer=customer,
        author=actor,
        type=type,
        content=content.strip(),
        followed_at=followed_at,
        next_follow_up_on=next_follow_up_on,
    )
    latest = FollowUp.objects.filter(customer=customer).order_by("-followed_at", "-id").first()
    assert latest is not None
    Customer.objects.filter(id=customer.id).update(
        last_follow_up_at=latest.followed_at, next_follow_up_on=latest.next_follow_up_on
    )
    return follow_up
