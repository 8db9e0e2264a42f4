"""Telling people in the app what happened to them (站内通知)."""

from django.utils import timezone

from crm.accounts.models import Notification, User


def notify(*, recipient: User, title: str, body: str = "", link: str = "") -> Notification:
    """Leave a message for one person; it shows in their notification list until read."""
    return Notification.objects.create(recipient=recipient, title=title, body=body, link=link)


def mark_read(*, recipient: User, notification_ids: list[int] | None = None) -> int:
    """Mark the person's notifications read (these, or all); returns how many changed."""
    unread = Notification.objects.filter(recipient=recipient, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(id__in=notification_ids)
    return unread.update(read_at=timezone.now())
