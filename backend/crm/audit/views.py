from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from crm.audit.actions import action_catalogue
from crm.audit.filters import AuditEventFilter
from crm.audit.models import AuditEvent, AuditEventQuerySet
from crm.audit.permissions import VIEW_AUDIT_EVENT
from crm.audit.serializers import AuditActionSerializer, AuditEventSerializer
from crm.core.api import ScopedViewSet


class AuditEventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """The audit trail, read-only: what the people in the viewer's scope did."""

    serializer_class = AuditEventSerializer
    filterset_class = AuditEventFilter
    ordering_fields = ["created_at", "action", "actor_name"]
    ordering = ["-created_at", "-id"]
    read_permission = VIEW_AUDIT_EVENT

    def base_queryset(self) -> AuditEventQuerySet:
        return AuditEvent.objects.all()

    @extend_schema(responses=AuditActionSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None, filterset_class=None)
    def actions(self, request: Request) -> Response:
        return Response([vars(item) for item in action_catalogue()])
