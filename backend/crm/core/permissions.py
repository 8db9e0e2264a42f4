"""Permission codes: each app declares its own; roles grant them; views require them.

A code names one function (a menu or a button): `org.manage_department`. Apps register
theirs in `AppConfig.ready()` so the catalogue that the role editor shows is complete.
"""

from dataclasses import dataclass
from typing import Any, Protocol

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request


@dataclass(frozen=True)
class PermissionCode:
    code: str
    name: str
    name_en: str
    group: str


@dataclass(frozen=True)
class FieldPermission:
    """The right to see one sensitive field unmasked (`customer.phone`)."""

    code: str
    name: str
    name_en: str


_PERMISSIONS: dict[str, PermissionCode] = {}
_FIELD_PERMISSIONS: dict[str, FieldPermission] = {}


def register_permissions(*codes: PermissionCode) -> None:
    for permission in codes:
        _PERMISSIONS[permission.code] = permission


def register_field_permissions(*fields: FieldPermission) -> None:
    for field in fields:
        _FIELD_PERMISSIONS[field.code] = field


def permission_catalogue() -> list[PermissionCode]:
    return list(_PERMISSIONS.values())


def field_permission_catalogue() -> list[FieldPermission]:
    return list(_FIELD_PERMISSIONS.values())


def is_known_permission(code: str) -> bool:
    return code in _PERMISSIONS


def is_known_field_permission(code: str) -> bool:
    return code in _FIELD_PERMISSIONS


class CodeHolder(Protocol):
    def has_code(self, code: str) -> bool: ...


# Names a view open to everyone logged in (reference data that forms need).
ANY_LOGGED_IN = "*"


class HasPermissionCode(BasePermission):
    """Requires the code the view names for the request: `read_permission` for safe
    methods, `write_permission` otherwise, or `action_permissions[action]` when given.
    Each may be one code or a tuple of which any one suffices.
    A view that names none refuses everyone, so a forgotten declaration fails closed."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        codes = required_codes(request, view)
        return any(code == ANY_LOGGED_IN or user.has_code(code) for code in codes)


def required_codes(request: Request, view: Any) -> tuple[str, ...]:
    """The codes of which the request needs one; empty when the view names none."""
    action_permissions: dict[str, str | tuple[str, ...]] = getattr(view, "action_permissions", {})
    action = getattr(view, "action", None)
    required: str | tuple[str, ...] | None
    if action and action in action_permissions:
        required = action_permissions[action]
    elif request.method in SAFE_METHODS:
        required = getattr(view, "read_permission", None)
    else:
        required = getattr(view, "write_permission", None)
    if required is None:
        return ()
    return (required,) if isinstance(required, str) else tuple(required)
