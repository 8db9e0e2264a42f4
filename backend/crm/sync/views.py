import json
import time
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from crm.audit.context import client_ip
from crm.core.api import UnscopedAPIView, UnscopedViewSet
from crm.sync.filters import MallEventFilter, SyncRunFilter
from crm.sync.models import MallEvent, SyncRun
from crm.sync.permissions import MANAGE_SYNC, VIEW_SYNC
from crm.sync.pull import mall_export_configured
from crm.sync.selectors import alerts, backlog
from crm.sync.serializers import (
    MallEventCorrectionSerializer,
    MallEventSerializer,
    PullRequestSerializer,
    SyncRunSerializer,
    SyncStatusSerializer,
)
from crm.sync.services import Delivery, accept_delivery, correct_event, refuse_delivery, replay_event, start_pull
from crm.sync.signatures import SignatureRefused, verify
from crm.sync.tasks import apply_mall_events

MAX_BATCH = 1000


class MallEventsView(UnscopedAPIView):
    """`POST /api/v1/mall/events`: the mall's signed webhook (contracts/mall-events.md).
    Every event is stored before the answer, which says what became of each."""

    scope_exempt_reason = "the mall's webhook: authenticated by signature, shows nothing"
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=inline_serializer("MallEventBatch", {"events": serializers.ListField(child=serializers.DictField())}),
        responses={
            200: inline_serializer(
                "MallEventBatchAnswer",
                {
                    "batch": serializers.CharField(),
                    "results": serializers.ListField(child=serializers.DictField()),
                },
            )
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        delivery = Delivery(
            delivery_id=request.headers.get("webhook-id", ""),
            source_address=client_ip(request._request),
            started_at=timezone.now(),
            started=time.monotonic(),
        )
        body = request.body
        try:
            verify(
                secrets=settings.MALL_WEBHOOK_SECRETS,
                webhook_id=request.headers.get("webhook-id", ""),
                timestamp=request.headers.get("webhook-timestamp", ""),
                signature_header=request.headers.get("webhook-signature", ""),
                body=body,
            )
        except SignatureRefused as refused:
            return _refused(delivery, status.HTTP_401_UNAUTHORIZED, "invalid_signature", str(refused))
        events, problem = _parse(body)
        if problem is not None:
            return _refused(delivery, *problem)
        run, results = accept_delivery(delivery=delivery, raw_events=events)
        return Response({"batch": f"b_{run.id}", "results": [result.as_answer() for result in results]})


def _refused(delivery: Delivery, http_status: int, code: str, message: str) -> Response:
    refuse_delivery(delivery=delivery, http_status=http_status, reason=message)
    return Response({"code": code, "message": message, "fields": {}}, status=http_status)


def _parse(body: bytes) -> tuple[list[Any], tuple[int, str, str] | None]:
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return [], (status.HTTP_400_BAD_REQUEST, "parse_error", "请求体不是有效的 JSON")
    if not isinstance(document, dict) or not isinstance(document.get("events"), list):
        return [], (status.HTTP_400_BAD_REQUEST, "invalid_batch", '请求体必须是 {"events": [...]}')
    events = document["events"]
    if not events:
        return [], (status.HTTP_400_BAD_REQUEST, "invalid_batch", "events 不能为空")
    if len(events) > MAX_BATCH:
        message = f"一批最多 {MAX_BATCH} 个事件，收到 {len(events)} 个"
        return [], (status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, "batch_too_large", message)
    return events, None


class SyncRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, UnscopedViewSet):
    """The sync log (数据同步日志): deliveries, pulls, backfills and replays."""

    scope_exempt_reason = "the connector's log for admins; no customer is anyone's here"
    serializer_class = SyncRunSerializer
    filterset_class = SyncRunFilter
    ordering_fields = ["started_at", "duration_ms", "received_count", "rejected_count"]
    ordering = ["-started_at", "-id"]
    read_permission = VIEW_SYNC
    write_permission = MANAGE_SYNC

    def get_queryset(self) -> QuerySet[SyncRun]:
        return SyncRun.objects.all()

    @extend_schema(request=PullRequestSerializer, responses={202: None})
    @action(detail=False, methods=["post"])
    def pull(self, request: Request) -> Response:
        """Start a reconciliation (or a full backfill) now; the run appears in the log."""
        serializer = PullRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        start_pull(actor=request.user, full=serializer.validated_data["full"])
        return Response(status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses=SyncStatusSerializer)
    @action(detail=False, methods=["get"], pagination_class=None, filterset_class=None)
    def status(self, request: Request) -> Response:
        """The backlog and what needs an admin's attention."""
        body = {**alerts(), "backlog": backlog(), "export_configured": mall_export_configured()}
        return Response(SyncStatusSerializer(body).data)


class MallEventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, UnscopedViewSet):
    """Every event the mall sent and its fate; the quarantine is `?status=rejected`."""

    scope_exempt_reason = "the connector's inbox for admins; sensitive values are masked by field permission"
    serializer_class = MallEventSerializer
    filterset_class = MallEventFilter
    ordering_fields = ["received_at", "effective_at", "status_changed_at"]
    ordering = ["-received_at", "-id"]
    read_permission = VIEW_SYNC
    write_permission = MANAGE_SYNC

    def get_queryset(self) -> QuerySet[MallEvent]:
        return MallEvent.objects.all()

    @extend_schema(request=MallEventCorrectionSerializer, responses=MallEventSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        """Correct a rejected event's content; valid now, it is applied."""
        serializer = MallEventCorrectionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = correct_event(actor=request.user, event=self.get_object(), payload=serializer.validated_data["payload"])
        apply_mall_events()
        event.refresh_from_db()
        return Response(MallEventSerializer(event, context={"request": request}).data)

    @extend_schema(request=None, responses=MallEventSerializer)
    @action(detail=True, methods=["post"])
    def replay(self, request: Request, pk: str) -> Response:
        """Try an event again: a rejected one is validated anew, a parked or failed one re-applied."""
        event = replay_event(actor=request.user, event=self.get_object())
        apply_mall_events()
        event.refresh_from_db()
        return Response(MallEventSerializer(event, context={"request": request}).data)
