"""The security audit trail."""

from django.conf import settings
from django.db import models

from crm.core.scope import ResolvedScope, ScopedQuerySet


class AuditEventQuerySet(ScopedQuerySet["AuditEvent"]):
    scope_person_field = "actor"

    def scope_q(self, scope: ResolvedScope) -> models.Q:
        # Outside "all", a person sees what the people in their scope did.
        return scope.person_q("actor")


class AuditEvent(models.Model):
    """One security-relevant act: who did what to which record, when, from where, and the
    record before and after. Append-only: written by `record_audit_event`, never changed."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    target_type = models.CharField(max_length=64, blank=True, db_index=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"
