"""Reading the organisation tree: subtrees, a person's home department, scope units."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypedDict

from crm.core.scope import DataScope
from crm.org.models import Department, DepartmentKind, Membership


def subtree_ids(department: Department) -> set[int]:
    """The unit and every unit below it."""
    return set(Department.objects.filter(path__startswith=department.path).values_list("id", flat=True))


def home_department(department: Department) -> Department:
    """The department a unit belongs to: itself unless it is a sales group, else the
    nearest ancestor that is a department or the company."""
    if department.kind != DepartmentKind.GROUP:
        return department
    ancestors = Department.objects.filter(id__in=department.ancestor_ids()).exclude(kind=DepartmentKind.GROUP)
    return max(ancestors, key=lambda unit: len(unit.path), default=department)


def _department_with_its_groups(department: Department) -> set[int]:
    """A department and the sales groups under it, not its sub-departments' groups."""
    ids = {department.id}
    below = Department.objects.filter(path__startswith=department.path).exclude(id=department.id)
    units = {unit.id: unit for unit in below}
    for unit in units.values():
        if unit.kind != DepartmentKind.GROUP:
            continue
        # Walk up through groups only; stop at the first non-group.
        chain = [units.get(ancestor_id) for ancestor_id in unit.ancestor_ids()[:-1]]
        nearest_department = next(
            (a.id for a in reversed(chain) if a is not None and a.kind != DepartmentKind.GROUP), department.id
        )
        if nearest_department == department.id:
            ids.add(unit.id)
    return ids


def scope_department_ids(scope: str, department: Department | None, chosen: Iterable[Department] = ()) -> set[int]:
    """The units whose members' data a scope reaches, for a person in `department`."""
    if scope == DataScope.CHOSEN_DEPARTMENTS:
        ids: set[int] = set()
        for unit in chosen:
            ids |= subtree_ids(unit)
        return ids
    if department is None or scope == DataScope.OWN:
        return set()
    if scope == DataScope.GROUP:
        return {department.id}
    home = home_department(department)
    if scope == DataScope.DEPARTMENT:
        return _department_with_its_groups(home)
    if scope == DataScope.DEPARTMENT_AND_BELOW:
        return subtree_ids(home)
    return set()


def membership_at(person_id: int, at: datetime) -> Membership | None:
    """The unit a person belonged to at a moment."""
    return (
        Membership.objects.filter(person_id=person_id, started_at__lte=at)
        .exclude(ended_at__lte=at)
        .order_by("-started_at")
        .first()
    )


class TreeNode(TypedDict):
    id: int
    name: str
    kind: str
    status: str
    parent: int | None
    manager_name: str
    member_count: int
    children: list["TreeNode"]


def department_tree(departments: Iterable[Any]) -> list[TreeNode]:
    """Nests units (annotated with `member_count`) under their parents, siblings in the
    order they were created; a unit whose parent is not among them becomes a root."""
    # Not the path order: paths compare as text, so "/1/10/" would come before "/1/2/".
    units = sorted(departments, key=lambda unit: unit.id)
    nodes: dict[int, TreeNode] = {}
    for unit in units:
        nodes[unit.id] = {
            "id": unit.id,
            "name": unit.name,
            "kind": unit.kind,
            "status": unit.status,
            "parent": unit.parent_id,
            "manager_name": unit.manager.display_name if unit.manager else "",
            "member_count": unit.member_count,
            "children": [],
        }
    roots: list[TreeNode] = []
    for unit in units:
        parent = nodes.get(unit.parent_id) if unit.parent_id else None
        (parent["children"] if parent else roots).append(nodes[unit.id])
    return roots
