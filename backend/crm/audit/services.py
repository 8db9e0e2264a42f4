"""Writing the audit trail. Every service that changes security-relevant state calls
`record_audit_event` inside its own transaction, so the row exists if and only if the
change does."""

from typing import Any

from django.db import models

from crm.audit.context import current_ip
from crm.audit.models import AuditEvent


def record_audit_event(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    target_type: str = "",
    target_id: str = "",
    target_label: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    if target is not None:
        target_type = target_type or target._meta.model_name or ""
        target_id = target_id or str(target.pk)
        target_label = target_label or str(target)
    actor_is_person = actor is not None and getattr(actor, "is_authenticated", False)
    actor_name = ""
    if actor_is_person:
        actor_name = getattr(actor, "display_name", "") or actor.get_username()
    return AuditEvent.objects.create(
        actor=actor if actor_is_person else None,
        actor_name=actor_name,
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_label=target_label[:255],
        ip_address=ip_address or current_ip(),
        before=before,
        after=after,
    )
