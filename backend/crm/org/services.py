"""Changing the organisation: units and people's memberships, each change audited."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from crm.audit.services import record_audit_event
from crm.core.errors import Conflict, ValidationFailed
from crm.core.grants import renew_grants
from crm.org.models import Department, DepartmentKind, DepartmentStatus, Membership

_DEPARTMENT_FIELDS = ("name", "kind", "description", "parent_id", "manager_id", "status")


def _department_state(department: Department) -> dict[str, Any]:
    return {field: getattr(department, field) for field in _DEPARTMENT_FIELDS}


def _check_parent(kind: str, parent: Department | None, department: Department | None = None) -> None:
    if parent is None:
        if kind != DepartmentKind.COMPANY:
            raise ValidationFailed("部门和销售组必须有上级", fields={"parent": ["请选择上级部门"]})
        return
    if kind == DepartmentKind.COMPANY:
        raise ValidationFailed("公司只能是最上级", fields={"parent": ["公司不能有上级"]})
    if parent.kind == DepartmentKind.GROUP:
        raise ValidationFailed("销售组下不能再设下级", fields={"parent": ["销售组不能作为上级"]})
    if parent.status == DepartmentStatus.DISABLED:
        raise ValidationFailed(f"上级 {parent.name} 已停用", fields={"parent": ["上级已停用"]})
    if department is not None and parent.path.startswith(department.path):
        raise ValidationFailed("不能把部门移到它自己或它的下级之下", fields={"parent": ["不能选择自身或下级"]})


def _check_name_free(name: str, parent: Department | None, department: Department | None = None) -> None:
    siblings = Department.objects.filter(parent=parent, name=name)
    if department is not None:
        siblings = siblings.exclude(id=department.id)
    if siblings.exists():
        raise Conflict(f"同一上级下已有名为 {name} 的部门", code="duplicate_name", fields={"name": ["名称重复"]})


@transaction.atomic
def create_department(
    *,
    actor: Any,
    name: str,
    kind: str,
    parent: Department | None,
    description: str = "",
    manager: Any = None,
) -> Department:
    _check_parent(kind, parent)
    _check_name_free(name, parent)
    department = Department.objects.create(
        name=name, kind=kind, parent=parent, description=description, manager=manager
    )
    department.path = f"{parent.path if parent else '/'}{department.id}/"
    department.save(update_fields=["path"])
    # A unit below a manager's department widens their scope.
    renew_grants()
    record_audit_event(actor=actor, action="department_created", target=department, after=_department_state(department))
    return department


def _move_subtree(department: Department, parent: Department | None) -> None:
    old_path = department.path
    new_path = f"{parent.path if parent else '/'}{department.id}/"
    for unit in Department.objects.select_for_update().filter(path__startswith=old_path):
        unit.path = new_path + unit.path[len(old_path) :]
        unit.save(update_fields=["path"])


@transaction.atomic
def update_department(*, actor: Any, department: Department, **changes: Any) -> Department:
    """Edit a unit: name, description, kind, manager, or move it under another parent
    (with everything below it)."""
    department = Department.objects.select_for_update().get(id=department.id)
    before = _department_state(department)
    name = changes.get("name", department.name)
    kind = changes.get("kind", department.kind)
    parent = changes.get("parent", department.parent)
    if kind == DepartmentKind.GROUP and kind != department.kind and department.children.exists():
        raise ValidationFailed("有下级的部门不能改为销售组", fields={"kind": ["该部门有下级"]})
    _check_parent(kind, parent, department)
    _check_name_free(name, parent, department)
    parent_changed = (parent.id if parent else None) != department.parent_id
    for field in ("name", "kind", "description", "manager"):
        if field in changes:
            setattr(department, field, changes[field])
    department.parent = parent
    department.save()
    # Its place and kind decide whose scope reaches its members.
    renew_grants()
    if parent_changed:
        _move_subtree(department, parent)
        department.refresh_from_db()
    record_audit_event(
        actor=actor,
        action="department_updated",
        target=department,
        before=before,
        after=_department_state(department),
    )
    return department


@transaction.atomic
def disable_department(*, actor: Any, department: Department) -> Department:
    """Stop using a unit: nobody can be moved into it; its history stays."""
    if department.status == DepartmentStatus.DISABLED:
        raise Conflict(f"{department.name} 已是停用状态", code="already_disabled")
    active_children = department.children.filter(status=DepartmentStatus.ACTIVE).count()
    if active_children:
        raise Conflict(
            f"{department.name} 还有 {active_children} 个启用中的下级，请先停用下级", code="department_in_use"
        )
    department.status = DepartmentStatus.DISABLED
    department.save(update_fields=["status", "updated_at"])
    record_audit_event(
        actor=actor,
        action="department_disabled",
        target=department,
        before={"status": "active"},
        after={"status": "disabled"},
    )
    return department


@transaction.atomic
def enable_department(*, actor: Any, department: Department) -> Department:
    if department.status == DepartmentStatus.ACTIVE:
        raise Conflict(f"{department.name} 已是启用状态", code="already_active")
    if department.parent and department.parent.status == DepartmentStatus.DISABLED:
        raise Conflict(f"上级 {department.parent.name} 已停用，请先启用上级", code="parent_disabled")
    department.status = DepartmentStatus.ACTIVE
    department.save(update_fields=["status", "updated_at"])
    record_audit_event(
        actor=actor,
        action="department_enabled",
        target=department,
        before={"status": "disabled"},
        after={"status": "active"},
    )
    return department


@transaction.atomic
def delete_department(*, actor: Any, department: Department) -> None:
    """Delete a unit that nothing depends on. A unit with people, children or any history
    (past members, credited orders) can only be disabled: history is data."""
    members = department.memberships.filter(ended_at__isnull=True).count()
    if members:
        raise Conflict(f"{department.name} 仍有 {members} 名人员，请先调出人员", code="department_in_use")
    children = department.children.count()
    if children:
        raise Conflict(f"{department.name} 仍有 {children} 个下级部门或销售组", code="department_in_use")
    if department.memberships.exists():
        raise Conflict(f"{department.name} 有人员任职历史，业绩统计需要它，只能停用不能删除", code="department_in_use")
    before = _department_state(department)
    record_audit_event(actor=actor, action="department_deleted", target=department, before=before)
    try:
        with transaction.atomic():
            department.delete()
    except ProtectedError as error:
        kinds = sorted({str(row._meta.verbose_name) for row in error.protected_objects})
        raise Conflict(
            f"{department.name} 仍被{'、'.join(kinds)}等历史数据引用，只能停用不能删除", code="department_in_use"
        ) from error


@transaction.atomic
def move_person(
    *, actor: Any, person: Any, department: Department, reason: str = "", at: datetime | None = None
) -> Membership:
    """Put a person in a unit from now on (or from `at`): closes their open membership and
    opens a new one; older periods stay as they were."""
    at = at or timezone.now()
    if department.status == DepartmentStatus.DISABLED:
        raise ValidationFailed(f"{department.name} 已停用，不能调入人员", fields={"department": ["该部门已停用"]})
    current = Membership.objects.select_for_update().filter(person=person, ended_at__isnull=True).first()
    if current is not None and current.department_id == department.id:
        raise Conflict(f"{person} 已在 {department.name}", code="already_member", fields={"department": ["已在该部门"]})
    if current is not None:
        if at < current.started_at:
            raise ValidationFailed("调动时间不能早于当前任职开始时间", fields={"at": ["时间早于当前任职"]})
        current.ended_at = at
        current.save(update_fields=["ended_at"])
    membership = Membership.objects.create(
        person=person, department=department, started_at=at, reason=reason, actor=actor if actor else None
    )
    person.department = department
    person.save(update_fields=["department"])
    renew_grants()
    record_audit_event(
        actor=actor,
        action="membership_changed",
        target=person,
        before={"department": current.department.name if current else None},
        after={"department": department.name, "reason": reason, "started_at": at.isoformat()},
    )
    return membership
