"""Managing people and roles. An admin manages everyone; a department manager manages the
people of their own tree and may grant only roles that do not exceed their own."""

import secrets
from datetime import datetime
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from crm.accounts.models import Role, User
from crm.audit.services import record_audit_event
from crm.core.errors import Conflict, Forbidden, ValidationFailed
from crm.core.grants import renew_grants
from crm.core.permissions import is_known_field_permission, is_known_permission
from crm.core.scope import DATA_SCOPE_WIDTH, DataScope
from crm.org.models import Department, DepartmentKind
from crm.org.services import create_department, move_person

# No 0/O, 1/I: reps read these codes to pharmacists over the phone.
_INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_invite_code() -> str:
    while True:
        code = "".join(secrets.choice(_INVITE_ALPHABET) for _ in range(8))
        if not User.objects.filter(invite_code=code).exists():
            return code


def check_password_rules(password: str, user: User | None = None, field: str = "password") -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        messages = [str(message) for message in error.messages]
        raise ValidationFailed(messages[0], code="weak_password", fields={field: messages}) from error


def _check_department_in_scope(actor: User, department: Department) -> None:
    if not Department.objects.visible_to(actor).filter(id=department.id).exists():
        # Out of scope answers like a unit that does not exist (DESIGN.md rule 2).
        raise ValidationFailed("部门不存在", fields={"department": ["部门不存在"]})


def can_grant_role(actor: User, role: Role) -> bool:
    """Whether `actor` may give `role` to someone: admins (role managers) any role; others
    only roles whose permissions they hold themselves and whose scope is no wider."""
    if actor.is_superuser or actor.has_code("accounts.manage_role"):
        return True
    if not set(role.permissions) <= actor.permission_codes():
        return False
    if not set(role.field_permissions) <= actor.field_permission_codes():
        return False
    width = DATA_SCOPE_WIDTH[DataScope(role.data_scope)]
    return width <= DATA_SCOPE_WIDTH[DataScope(actor.widest_data_scope())] and role.data_scope not in (
        DataScope.ALL,
        DataScope.CHOSEN_DEPARTMENTS,
    )


def _check_grantable(actor: User, roles: list[Role]) -> None:
    refused = [role.name for role in roles if not can_grant_role(actor, role)]
    if refused:
        message = f"您不能授予角色：{'、'.join(refused)}"
        raise Forbidden(message, fields={"roles": [message]})


def _user_state(user: User) -> dict[str, Any]:
    return {
        "display_name": user.display_name,
        "email": user.email,
        "is_active": user.is_active,
        "department": user.department.name if user.department else None,
        "roles": sorted(role.code for role in user.roles.all()),
    }


@transaction.atomic
def create_user(
    *,
    actor: User,
    username: str,
    display_name: str,
    password: str,
    department: Department,
    roles: list[Role],
    email: str = "",
    joined_at: datetime | None = None,
) -> User:
    """A new person in `department` from `joined_at` (default: now)."""
    _check_department_in_scope(actor, department)
    _check_grantable(actor, roles)
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict(f"用户名 {username} 已被使用", code="duplicate_username", fields={"username": ["用户名已存在"]})
    user = User(username=username, display_name=display_name, email=email, invite_code=new_invite_code())
    check_password_rules(password, user)
    user.set_password(password)
    user.save()
    user.roles.set(roles)
    move_person(actor=actor, person=user, department=department, reason="新建用户", at=joined_at)
    record_audit_event(actor=actor, action="user_created", target=user, after=_user_state(user))
    return user


@transaction.atomic
def create_first_admin(
    *, username: str, display_name: str, password: str, company_name: str, joined_at: datetime | None = None
) -> User:
    """Set up an empty installation: the company unit and its first admin, who then
    creates everyone else. Refused once anyone exists."""
    if User.objects.exists():
        raise Conflict("系统中已有用户，请由管理员在人员管理中创建", code="already_initialised")
    company = Department.objects.filter(parent__isnull=True).first() or create_department(
        actor=None, name=company_name, kind=DepartmentKind.COMPANY, parent=None
    )
    user = User(username=username, display_name=display_name, invite_code=new_invite_code())
    check_password_rules(password, user)
    user.set_password(password)
    user.save()
    user.roles.set(Role.objects.filter(code="admin"))
    move_person(actor=None, person=user, department=company, reason="系统初始化", at=joined_at)
    record_audit_event(actor=None, action="user_created", target=user, after=_user_state(user))
    return user


@transaction.atomic
def update_user(*, actor: User, user: User, **changes: Any) -> User:
    """Change a person's name, email or roles (a role change is audited on its own)."""
    before = _user_state(user)
    for field in ("display_name", "email"):
        if field in changes:
            setattr(user, field, changes[field])
    user.save()
    if "roles" in changes:
        roles: list[Role] = list(changes["roles"])
        current = set(user.roles.all())
        _check_grantable(actor, [role for role in set(roles) ^ current])
        user.roles.set(roles)
        renew_grants()
        user.forget_cached_permissions()
        if set(roles) != current:
            record_audit_event(
                actor=actor,
                action="user_roles_changed",
                target=user,
                before={"roles": before["roles"]},
                after={"roles": sorted(role.code for role in roles)},
            )
    after = _user_state(user)
    if {key: before[key] for key in ("display_name", "email")} != {
        key: after[key] for key in ("display_name", "email")
    }:
        record_audit_event(actor=actor, action="user_updated", target=user, before=before, after=after)
    return user


@transaction.atomic
def disable_user(*, actor: User, user: User) -> User:
    """Stop a person from logging in. Their sessions end at their next request: Django
    refuses the session of an inactive user."""
    if user.id == actor.id:
        raise Conflict("不能停用自己的账户", code="cannot_disable_self")
    if not user.is_active:
        raise Conflict(f"{user} 已是停用状态", code="already_disabled")
    user.is_active = False
    user.save(update_fields=["is_active"])
    record_audit_event(
        actor=actor, action="user_disabled", target=user, before={"is_active": True}, after={"is_active": False}
    )
    return user


@transaction.atomic
def enable_user(*, actor: User, user: User) -> User:
    if user.is_active:
        raise Conflict(f"{user} 已是启用状态", code="already_active")
    user.is_active = True
    user.save(update_fields=["is_active"])
    record_audit_event(
        actor=actor, action="user_enabled", target=user, before={"is_active": False}, after={"is_active": True}
    )
    return user


@transaction.atomic
def reset_password(*, actor: User, user: User, new_password: str) -> None:
    """Set a new password for someone else; every session of theirs ends (the session
    hash changes with the password)."""
    check_password_rules(new_password, user, field="new_password")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    record_audit_event(actor=actor, action="password_reset", target=user)


@transaction.atomic
def change_own_password(*, user: User, old_password: str, new_password: str) -> None:
    if not user.check_password(old_password):
        raise ValidationFailed("原密码不正确", code="wrong_password", fields={"old_password": ["原密码不正确"]})
    if old_password == new_password:
        raise ValidationFailed("新密码不能与原密码相同", fields={"new_password": ["新密码不能与原密码相同"]})
    check_password_rules(new_password, user, field="new_password")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    record_audit_event(actor=user, action="password_changed", target=user)


@transaction.atomic
def regenerate_invite_code(*, actor: User, user: User) -> User:
    """A new invite code; the old one stops binding new registrations."""
    before = user.invite_code
    user.invite_code = new_invite_code()
    user.save(update_fields=["invite_code"])
    record_audit_event(
        actor=actor,
        action="invite_code_regenerated",
        target=user,
        before={"invite_code": before},
        after={"invite_code": user.invite_code},
    )
    return user


@transaction.atomic
def transfer_user(*, actor: User, user: User, department: Department, reason: str) -> User:
    """Move a person to another unit (a dated membership), within the actor's scope."""
    _check_department_in_scope(actor, department)
    move_person(actor=actor, person=user, department=department, reason=reason)
    user.forget_cached_permissions()
    return user


def _check_role_content(
    permissions: list[str], field_permissions: list[str], data_scope: str, scope_departments: list[Department]
) -> None:
    unknown = [code for code in permissions if not is_known_permission(code)]
    if unknown:
        raise ValidationFailed(f"未知的权限代码：{', '.join(unknown)}", fields={"permissions": unknown})
    unknown = [code for code in field_permissions if not is_known_field_permission(code)]
    if unknown:
        raise ValidationFailed(f"未知的字段权限：{', '.join(unknown)}", fields={"field_permissions": unknown})
    if data_scope == DataScope.CHOSEN_DEPARTMENTS and not scope_departments:
        raise ValidationFailed("指定部门的数据权限需要至少选择一个部门", fields={"scope_departments": ["请选择部门"]})


def _role_state(role: Role) -> dict[str, Any]:
    return {
        "name": role.name,
        "permissions": sorted(role.permissions),
        "data_scope": role.data_scope,
        "scope_departments": sorted(department.id for department in role.scope_departments.all()),
        "field_permissions": sorted(role.field_permissions),
    }


@transaction.atomic
def create_role(
    *,
    actor: User,
    code: str,
    name: str,
    description: str = "",
    permissions: list[str],
    data_scope: str,
    scope_departments: list[Department],
    field_permissions: list[str],
) -> Role:
    if Role.objects.filter(code=code).exists():
        raise Conflict(f"角色代码 {code} 已存在", code="duplicate_code", fields={"code": ["角色代码已存在"]})
    _check_role_content(permissions, field_permissions, data_scope, scope_departments)
    role = Role.objects.create(
        code=code,
        name=name,
        description=description,
        permissions=sorted(set(permissions)),
        data_scope=data_scope,
        field_permissions=sorted(set(field_permissions)),
    )
    role.scope_departments.set(scope_departments if data_scope == DataScope.CHOSEN_DEPARTMENTS else [])
    record_audit_event(actor=actor, action="role_created", target=role, after=_role_state(role))
    return role


@transaction.atomic
def update_role(*, actor: User, role: Role, **changes: Any) -> Role:
    before = _role_state(role)
    permissions = changes.get("permissions", role.permissions)
    field_permissions = changes.get("field_permissions", role.field_permissions)
    data_scope = changes.get("data_scope", role.data_scope)
    scope_departments = changes.get("scope_departments", list(role.scope_departments.all()))
    _check_role_content(permissions, field_permissions, data_scope, scope_departments)
    for field in ("name", "description"):
        if field in changes:
            setattr(role, field, changes[field])
    role.permissions = sorted(set(permissions))
    role.field_permissions = sorted(set(field_permissions))
    role.data_scope = data_scope
    role.save()
    role.scope_departments.set(scope_departments if data_scope == DataScope.CHOSEN_DEPARTMENTS else [])
    renew_grants()
    record_audit_event(actor=actor, action="role_updated", target=role, before=before, after=_role_state(role))
    return role


@transaction.atomic
def delete_role(*, actor: User, role: Role) -> None:
    if role.is_system:
        raise Conflict(f"{role.name} 是系统默认角色，不能删除", code="system_role")
    holders = role.users.count()
    if holders:
        raise Conflict(f"仍有 {holders} 名人员拥有角色 {role.name}，请先调整他们的角色", code="role_in_use")
    record_audit_event(actor=actor, action="role_deleted", target=role, before=_role_state(role))
    role.delete()
