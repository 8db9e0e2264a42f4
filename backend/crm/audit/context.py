"""The client address of the request being served, for audit rows written deep in services."""

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_request_ip: ContextVar[str | None] = ContextVar("request_ip", default=None)


def current_ip() -> str | None:
    return _request_ip.get()


def client_ip(request: HttpRequest) -> str | None:
    # REMOTE_ADDR is the proxy's in production; nginx is configured to set it to the
    # client (real_ip), so X-Forwarded-For, which a client can forge, is not read here.
    return request.META.get("REMOTE_ADDR")


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            _request_ip.reset(token)
