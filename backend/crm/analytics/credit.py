"""Which credited rows a viewer's figures read (METRICS.md, attribution): the rows credited
to a person in their scope or to a unit in it, narrowed to one rep, group or department.
The same conditions apply to a rollup's `rep`, `group` and `department` columns and to an
order's `credited_*` ones, through a field prefix."""

from dataclasses import dataclass

from django.db.models import Q

from crm.core.scope import ResolvedScope
from crm.org.models import Department
from crm.org.selectors import subtree_ids

ROLLUP = ""  # rollup rows: rep_id, group_id, department_id
ORDER = "credited_"  # orders: credited_rep_id, …
ORDER_ITEM = "order__credited_"  # order items, through their order


def credited_scope_q(scope: ResolvedScope, prefix: str = ROLLUP) -> Q:
    """Rows credited to a person in scope or to a unit in scope."""
    if scope.everything:
        return Q()
    return (
        Q(**{f"{prefix}rep_id__any_of": scope.person_ids})
        | Q(**{f"{prefix}group_id__any_of": scope.department_ids})
        | Q(**{f"{prefix}department_id__any_of": scope.department_ids})
    )


@dataclass
class Narrowing:
    """What a viewer narrowed the figures to, inside their scope: one rep, one group, or
    a department with everything below it."""

    rep: int | None = None
    group: int | None = None
    department: int | None = None

    def __bool__(self) -> bool:
        return bool(self.rep or self.group or self.department)

    def credited_q(self, prefix: str = ROLLUP) -> Q:
        condition = Q()
        if self.rep:
            condition &= Q(**{f"{prefix}rep_id": self.rep})
        if self.group:
            condition &= Q(**{f"{prefix}group_id": self.group})
        if self.department:
            unit = Department.objects.filter(id=self.department).first()
            units = subtree_ids(unit) if unit else set()
            condition &= Q(**{f"{prefix}department_id__any_of": units}) | Q(**{f"{prefix}group_id__any_of": units})
        return condition


def credited_q(scope: ResolvedScope, narrowing: Narrowing | None, prefix: str = ROLLUP) -> Q:
    """The rows a viewer's figures read: in their scope and inside their narrowing."""
    return credited_scope_q(scope, prefix) & (narrowing.credited_q(prefix) if narrowing else Q())
