"""Base model of every MallCRM table."""

from django.db import models


class TimestampedModel(models.Model):
    """A record that knows when it was created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ChangedDay(models.Model):
    """A business day (in the CRM's time zone) whose facts changed since the statistics
    last summarised it: orders created, paid or changing status that day (`orders`), or
    customers first owned that day, or converting since (`development`), stock counted
    that day (`stock`), ownerships starting or ending that day (`ownership`) or customers
    registering that day (`registration`). Each change
    raises `version`; the statistics re-aggregate the day from the raw data and clear the
    mark only if `version` is still the one they read, so a change made meanwhile waits
    for the next pass instead of being lost (DESIGN.md rule 7)."""

    subject = models.CharField(max_length=32)
    day = models.DateField()
    version = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["subject", "day"]
        constraints = [models.UniqueConstraint(fields=["subject", "day"], name="changed_day_unique")]

    def __str__(self) -> str:
        return f"{self.subject} {self.day} v{self.version}"


class GrantsVersion(models.Model):
    """The version of everyone's grants: what their roles let them do and whose data their
    scopes reach. Every service that changes a role, a person's roles or unit, or the unit
    tree renews `token` in its own transaction, so grants kept in the cache under an older
    token are never read again (`crm.core.grants`). One row."""

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token
