"""Ending sessions that sat idle longer than the `session_idle_minutes` parameter."""

import time
from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

from crm.audit.services import record_audit_event
from crm.dictionary.selectors import get_integer_parameter

_LAST_ACTIVITY = "last_activity"
# Writing the session on every request would cost a write per request; a minute's
# precision is enough for a 30-minute timeout.
_TOUCH_INTERVAL_SECONDS = 60


class IdleSessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_activity = request.session.get(_LAST_ACTIVITY)
            idle_limit = get_integer_parameter("session_idle_minutes") * 60
            if last_activity is not None and now - int(last_activity) > idle_limit:
                record_audit_event(actor=user, action="session_expired", target=user)
                logout(request)
            elif last_activity is None or now - int(last_activity) >= _TOUCH_INTERVAL_SECONDS:
                request.session[_LAST_ACTIVITY] = now
        return self.get_response(request)


def mark_session_active(request: HttpRequest) -> None:
    request.session[_LAST_ACTIVITY] = int(time.time())
