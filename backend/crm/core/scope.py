"""The data scope (DESIGN.md rule 2): which records a person may see.

A role grants one of six scopes. `ResolvedScope` is what they come to for one person now:
everything, or the data of some people and of the members of some departments. Each scoped
model's queryset says once how a record reaches the person whose data it is
(`scope_person_field`), and `visible_to(user)` filters by it.
"""

from dataclasses import dataclass
from typing import Any, Protocol, Self, TypeVar

from django.db import models
from django.db.models import Q


class DataScope(models.TextChoices):
    OWN = "own", "本人"
    GROUP = "group", "本组"
    DEPARTMENT = "department", "本部门"
    DEPARTMENT_AND_BELOW = "department_and_below", "本部门及下级"
    ALL = "all", "全部"
    CHOSEN_DEPARTMENTS = "chosen_departments", "指定部门"


DATA_SCOPE_ENGLISH = {
    DataScope.OWN: "Own",
    DataScope.GROUP: "Group",
    DataScope.DEPARTMENT: "Department",
    DataScope.DEPARTMENT_AND_BELOW: "Department and below",
    DataScope.ALL: "All",
    DataScope.CHOSEN_DEPARTMENTS: "Chosen departments",
}

# How far a scope reaches, to refuse granting a wider scope than one holds.
DATA_SCOPE_WIDTH = {
    DataScope.OWN: 0,
    DataScope.GROUP: 1,
    DataScope.DEPARTMENT: 2,
    DataScope.DEPARTMENT_AND_BELOW: 3,
    DataScope.CHOSEN_DEPARTMENTS: 4,
    DataScope.ALL: 5,
}


@dataclass(frozen=True)
class ResolvedScope:
    """What a person's scopes come to: all data, or that of these people and of the
    current members of these departments. `person_ids` includes those members (resolved
    when the scope is), so that records reached through a person need no join."""

    everything: bool
    person_ids: frozenset[int] = frozenset()
    department_ids: frozenset[int] = frozenset()

    def person_q(self, person_field: str) -> Q:
        """Rows whose person (reached through `person_field`, "" for the person row itself)
        is in scope."""
        if self.everything:
            return Q()
        if person_field:
            return Q(**{f"{person_field}__id__any_of": self.person_ids})
        # The person rows themselves: also members who joined since the scope was resolved.
        return Q(id__any_of=self.person_ids) | Q(department_id__any_of=self.department_ids)


def through_customer_q(scope: ResolvedScope, customer_model: Any) -> Q:
    """Rows whose customer is owned by someone in scope, as a semi-join on the customer
    (`customer_id IN (SELECT id … WHERE owner_id IN …)`): the database hashes the scope's
    customers once instead of joining every row to its customer."""
    if scope.everything:
        return Q()
    return Q(customer__in=customer_model.objects.filter(owner_id__any_of=scope.person_ids).values("id"))


class ScopeViewer(Protocol):
    is_authenticated: bool

    def resolved_scope(self) -> ResolvedScope: ...


NOTHING = ResolvedScope(everything=False)

ModelT = TypeVar("ModelT", bound=models.Model)


class ScopedQuerySet(models.QuerySet[ModelT]):
    """A queryset of data under the data scope. Subclasses set `scope_person_field` (the
    path to the person whose data a row is) or override `scope_q`."""

    scope_person_field: str = ""

    def scope_q(self, scope: ResolvedScope) -> Q:
        return scope.person_q(self.scope_person_field)

    def scope_branches(self, scope: ResolvedScope) -> list[Q]:
        """Conditions whose union is the scope, each read in a list's order from an index of
        its own, when a list is better read branch by branch and merged (`page_branches` in
        `crm.core.pagination`); none when it is read as one query."""
        return []

    def visible_to(self, user: Any) -> Self:
        if user is None or not user.is_authenticated:
            return self.none()
        return self.within(user.resolved_scope())

    def within(self, scope: ResolvedScope) -> Self:
        """The rows a resolved scope reaches."""
        if scope.everything:
            return self.all()
        return self.filter(self.scope_q(scope))
