"""One error type for the business, rendered one way: `{"code", "message", "fields"}`."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


class DomainError(Exception):
    """A business rule refused an operation. `fields` names the inputs at fault."""

    code = "invalid"
    status_code: int = status.HTTP_400_BAD_REQUEST

    def __init__(self, message: str, *, code: str | None = None, fields: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.fields = fields or {}


class ValidationFailed(DomainError):
    code = "validation_failed"


class Conflict(DomainError):
    """The operation contradicts the current state (in use, already done, duplicate)."""

    code = "conflict"
    status_code = status.HTTP_409_CONFLICT


class Forbidden(DomainError):
    code = "permission_denied"
    status_code = status.HTTP_403_FORBIDDEN


_GENERIC_MESSAGES = {
    "not_authenticated": "请先登录",
    "authentication_failed": "身份验证失败",
    "permission_denied": "没有执行此操作的权限",
    "not_found": "记录不存在",
    "method_not_allowed": "不支持该请求方法",
    "throttled": "请求过于频繁，请稍后再试",
    "parse_error": "请求内容不是有效的 JSON",
    "unsupported_media_type": "不支持的请求内容类型",
}


def flatten_fields(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            fields.update(flatten_fields(value, name))
    elif isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            fields[prefix or "non_field_errors"] = [str(item) for item in detail]
        else:
            for index, item in enumerate(detail):
                fields.update(flatten_fields(item, f"{prefix}.{index}" if prefix else str(index)))
    else:
        fields[prefix or "non_field_errors"] = [str(detail)]
    return fields


def render_api_error(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF exception handler: every error answers `{"code", "message", "fields"}`."""
    if isinstance(exc, DomainError):
        body = {"code": exc.code, "message": exc.message, "fields": exc.fields}
        return Response(body, status=exc.status_code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, exceptions.ValidationError):
        fields = flatten_fields(exc.detail)
        first = next(iter(fields.items()), ("", [""]))
        message = f"{first[0]}: {first[1][0]}" if first[0] != "non_field_errors" else first[1][0]
        response.data = {"code": "validation_failed", "message": message, "fields": fields}
        return response
    code = exc.default_code if isinstance(exc.default_code, str) else "error"
    detail_code = exc.get_codes()
    if isinstance(detail_code, str):
        code = detail_code
    message = _GENERIC_MESSAGES.get(code, str(exc.detail))
    wait = getattr(exc, "wait", None)
    if isinstance(exc, exceptions.Throttled) and wait:
        message = f"请求过于频繁，请 {int(wait) + 1} 秒后再试"
    response.data = {"code": code, "message": message, "fields": {}}
    return response
