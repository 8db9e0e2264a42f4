"""The organisation: a tree of company, departments and sales groups, and who belonged
to which unit when."""

from django.conf import settings
from django.db import models

from crm.core.models import TimestampedModel
from crm.core.scope import ResolvedScope, ScopedQuerySet


class DepartmentKind(models.TextChoices):
    COMPANY = "company", "公司"
    DEPARTMENT = "department", "部门"
    GROUP = "group", "销售组"


class DepartmentStatus(models.TextChoices):
    ACTIVE = "active", "启用"
    DISABLED = "disabled", "停用"


class DepartmentQuerySet(ScopedQuerySet["Department"]):
    def scope_q(self, scope: ResolvedScope) -> models.Q:
        # A unit is visible when its members' data is: the units of the scope.
        return models.Q(id__any_of=scope.department_ids)


class Department(TimestampedModel):
    """A unit of the sales organisation: the company, a department (华东大区, 客服部) or a
    sales group (上海一组). `path` lists the ids from the root (`/1/4/9/`) so a subtree is
    one indexed prefix query on any database."""

    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=16, choices=DepartmentKind.choices)
    description = models.TextField(blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="managed_departments"
    )
    status = models.CharField(max_length=16, choices=DepartmentStatus.choices, default=DepartmentStatus.ACTIVE)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to this unit, itself included."""
        return [int(part) for part in self.path.strip("/").split("/") if part]


class MembershipQuerySet(ScopedQuerySet["Membership"]):
    scope_person_field = "person"


class Membership(models.Model):
    """A period during which a person belonged to a unit: `[started_at, ended_at)`, open
    while `ended_at` is null. Statistics ask "which group was this rep in on that day"
    here; a move closes one period and opens the next, never rewriting the past."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="memberships")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=255, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["person_id", "started_at", "id"]
        indexes = [models.Index(fields=["person", "started_at"]), models.Index(fields=["department", "started_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(ended_at__isnull=True), name="membership_one_open_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id}@{self.department_id} {self.started_at:%Y-%m-%d}"
