"""Reading ownership history."""

from datetime import datetime

from crm.customers.models import Ownership


def ownership_at(customer_id: int, at: datetime) -> Ownership | None:
    """The ownership period covering a moment, if the customer had an owner then."""
    return (
        Ownership.objects.filter(customer_id=customer_id, started_at__lte=at)
        .exclude(ended_at__lte=at)
        .select_related("owner")
        .order_by("-started_at")
        .first()
    )
