"""Reading ownership history and where customers stand on the churn curve."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone

from crm.customers.models import Ownership
from crm.dictionary.selectors import get_integer_parameter, get_integer_parameters


def ownership_at(customer_id: int, at: datetime) -> Ownership | None:
    """The ownership period covering a moment, if the customer had an owner then."""
    return (
        Ownership.objects.filter(customer_id=customer_id, started_at__lte=at)
        .exclude(ended_at__lte=at)
        .select_related("owner")
        .order_by("-started_at")
        .first()
    )


class ChurnStatus(models.TextChoices):
    """Where a customer stands on the churn curve now (METRICS.md, churn): never bought,
    bought recently, in the warning band, or lost."""

    NONE = "none", "未成交"
    ACTIVE = "active", "正常"
    WARNING = "warning", "流失预警"
    LOST = "lost", "已流失"


@dataclass(frozen=True)
class ChurnThresholds:
    """The instants that cut the churn bands at `now`: a last purchase before `lost_before`
    is lost, before `warning_before` is in warning."""

    lost_before: datetime
    warning_before: datetime


def churn_window_days() -> int:
    """N of METRICS.md's churn: a customer is lost N days after its last purchase."""
    return get_integer_parameter("churn_window_days")


def churn_thresholds(now: datetime | None = None) -> ChurnThresholds:
    now = now or timezone.now()
    window, warning = get_integer_parameters("churn_window_days", "churn_warning_days")
    warning = min(warning, window)
    return ChurnThresholds(lost_before=now - timedelta(days=window), warning_before=now - timedelta(days=warning))


def churn_status_q(status: str, thresholds: ChurnThresholds) -> Q:
    """The customers in one churn band."""
    if status == ChurnStatus.NONE:
        return Q(last_purchase_at__isnull=True)
    if status == ChurnStatus.LOST:
        return Q(last_purchase_at__lt=thresholds.lost_before)
    if status == ChurnStatus.WARNING:
        return Q(last_purchase_at__gte=thresholds.lost_before, last_purchase_at__lt=thresholds.warning_before)
    return Q(last_purchase_at__gte=thresholds.warning_before)


def churn_status(last_purchase_at: datetime | None, thresholds: ChurnThresholds) -> str:
    if last_purchase_at is None:
        return ChurnStatus.NONE
    if last_purchase_at < thresholds.lost_before:
        return ChurnStatus.LOST
    if last_purchase_at < thresholds.warning_before:
        return ChurnStatus.WARNING
    return ChurnStatus.ACTIVE
