"""People who use the CRM, their roles, and the login lockout."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from crm.core.grants import kept_grants
from crm.core.models import TimestampedModel
from crm.core.permissions import field_permission_catalogue, permission_catalogue
from crm.core.scope import DATA_SCOPE_WIDTH, DataScope, ResolvedScope, ScopedQuerySet
from crm.org.models import Department
from crm.org.selectors import scope_department_ids


class Role(TimestampedModel):
    """What a kind of person may do (permission codes: menus and buttons), whose data they
    see (the data scope), and which sensitive fields they see unmasked. `is_system` roles
    are the defaults of DESIGN.md: editable, never deleted."""

    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    permissions = models.JSONField(default=list, blank=True)
    data_scope = models.CharField(max_length=32, choices=DataScope.choices, default=DataScope.OWN)
    scope_departments = models.ManyToManyField(Department, blank=True, related_name="+")
    field_permissions = models.JSONField(default=list, blank=True)
    is_system = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Grants:
    """What a person's roles come to now: the permission codes (menus, buttons), the
    sensitive fields they see unmasked, their data scope, and the widest scope they hold
    (the most they may grant others)."""

    permission_codes: frozenset[str]
    field_permission_codes: frozenset[str]
    scope: ResolvedScope
    widest_data_scope: str


class UserQuerySet(ScopedQuerySet["User"]):
    scope_person_field = ""


class ScopedUserManager(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    pass


class User(AbstractUser):
    """A person who logs in: a sales rep, supervisor, manager, after-sales colleague,
    executive or admin. `department` is the unit of their open membership (org.Membership
    keeps the dated history); `invite_code` is what pharmacies type in at registration in the
    mall to be bound to this rep."""

    display_name = models.CharField(max_length=100)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="current_members"
    )
    roles = models.ManyToManyField(Role, blank=True, related_name="users")
    invite_code = models.CharField(max_length=16, unique=True)

    objects = ScopedUserManager()  # type: ignore[misc]

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.display_name or self.username

    def _roles(self) -> list[Role]:
        return list(self.roles.prefetch_related("scope_departments"))

    def grants(self) -> Grants:
        """What this person may do and whose data they see, as their roles come to now.
        Kept between requests when the person was loaded with the grants token
        (`crm.core.grants`)."""
        cached: Grants | None = self.__dict__.get("_cached_grants")
        if cached is None:
            own_row = f"{self.id}:{self.department_id}:{self.is_superuser:d}:{self.is_active:d}"
            cached = kept_grants(own_row, getattr(self, "grants_token", None), self._computed_grants)
            self._cached_grants = cached
        return cached

    def _computed_grants(self) -> Grants:
        roles = self._roles()
        if self.is_superuser:
            permissions = {permission.code for permission in permission_catalogue()}
            field_permissions = {field.code for field in field_permission_catalogue()}
        else:
            permissions = {code for role in roles for code in role.permissions}
            field_permissions = {code for role in roles for code in role.field_permissions}
        if self.is_superuser:
            widest = DataScope.ALL
        else:
            widest = max(
                [DataScope(role.data_scope) for role in roles] or [DataScope.OWN],
                key=lambda scope: DATA_SCOPE_WIDTH[scope],
            )
        active = self.is_active
        return Grants(
            permission_codes=frozenset(permissions if active else ()),
            field_permission_codes=frozenset(field_permissions if active else ()),
            scope=self._resolved_scope(roles),
            widest_data_scope=widest,
        )

    def permission_codes(self) -> frozenset[str]:
        return self.grants().permission_codes

    def has_code(self, code: str) -> bool:
        return code in self.permission_codes()

    def field_permission_codes(self) -> frozenset[str]:
        return self.grants().field_permission_codes

    def resolved_scope(self) -> ResolvedScope:
        """The union of the data scopes of this person's roles. Everyone sees their own."""
        return self.grants().scope

    def _resolved_scope(self, roles: list[Role]) -> ResolvedScope:
        if self.is_superuser or any(role.data_scope == DataScope.ALL for role in roles):
            return ResolvedScope(everything=True)
        department_ids: set[int] = set()
        for role in roles:
            department_ids |= scope_department_ids(role.data_scope, self.department, role.scope_departments.all())
        # The members are read once here, so that scoped lists filter on a short list
        # of owner ids (an index lookup) rather than join every row to its owner.
        members = User.objects.filter(department_id__in=department_ids).values_list("id", flat=True)
        return ResolvedScope(
            everything=False,
            person_ids=frozenset({self.id, *(members if department_ids else [])}),
            department_ids=frozenset(department_ids),
        )

    def widest_data_scope(self) -> str:
        return self.grants().widest_data_scope

    def forget_cached_permissions(self) -> None:
        """Read this person's grants afresh: their roles or unit changed in this request."""
        for attribute in ("_cached_grants", "grants_token"):
            self.__dict__.pop(attribute, None)

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        super().refresh_from_db(*args, **kwargs)
        self.forget_cached_permissions()


class LoginLock(models.Model):
    """Failed logins for one username from one address, and the lock they earned: after
    `login_failure_limit` failures, that pair is refused until `locked_until`. The same
    username from another address is not affected."""

    username = models.CharField(max_length=150)
    ip_address = models.GenericIPAddressField()
    failure_count = models.PositiveIntegerField(default=0)
    last_failed_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["username", "ip_address"], name="login_lock_unique_pair")]

    def __str__(self) -> str:
        return f"{self.username}@{self.ip_address}: {self.failure_count}"


class Notification(models.Model):
    """A message to one person in the app (站内通知): a customer assigned to them or taken
    from them, a churn case to look at. `link` is the SPA route it points to."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title
