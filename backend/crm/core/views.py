"""Health check and the single-page app's entry."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from crm.core.api import UnscopedAPIView

# Apps add what the health check reports (the connector: its backlog), keyed by name.
HEALTH_REPORTS: dict[str, Callable[[], dict[str, Any]]] = {}


def register_health_report(name: str, report: Callable[[], dict[str, Any]]) -> None:
    HEALTH_REPORTS[name] = report


class HealthView(UnscopedAPIView):
    """Whether the app can answer: the database, and what the apps report (the backlog)."""

    scope_exempt_reason = "reports the state of the system, no business data"
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]

    @extend_schema(
        responses=inline_serializer("Health", {"status": serializers.CharField(), "database": serializers.CharField()})
    )
    def get(self, request: Request) -> Response:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            database = "ok"
        except Exception:  # any failure means the database cannot serve
            database = "unavailable"
        healthy = database == "ok"
        body: dict[str, Any] = {"status": "ok" if healthy else "degraded", "database": database}
        if healthy:
            body.update({name: report() for name, report in HEALTH_REPORTS.items()})
        return Response(body, status=200 if healthy else 503)


def single_page_app(request: HttpRequest) -> HttpResponse:
    """Every non-API path answers the SPA's index.html; the router takes it from there."""
    index = settings.FRONTEND_DIST_DIR / "index.html"
    if not index.exists():
        return HttpResponse(
            "The web UI is not built yet: run `make run` (or `make frontend`).",
            content_type="text/plain; charset=utf-8",
            status=503,
        )
    response = HttpResponse(index.read_text(encoding="utf-8"), content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response
