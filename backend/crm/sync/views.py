import json
import time
from typing import Any

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from crm.audit.context import client_ip
from crm.core.api import UnscopedAPIView
from crm.sync.inbox import receive_events
from crm.sync.models import SyncRun, SyncRunKind, SyncRunOutcome
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
        started = time.monotonic()
        run = SyncRun(
            kind=SyncRunKind.WEBHOOK,
            started_at=timezone.now(),
            outcome=SyncRunOutcome.RUNNING,
            delivery_id=request.headers.get("webhook-id", "")[:128],
            source_address=client_ip(request._request),
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
            return self._refuse(run, started, status.HTTP_401_UNAUTHORIZED, "invalid_signature", str(refused))
        events, problem = _parse(body)
        if problem is not None:
            return self._refuse(run, started, *problem)
        run.save()
        results = receive_events(run=run, raw_events=events)
        run.outcome = SyncRunOutcome.PARTIAL if run.rejected_count else SyncRunOutcome.SUCCEEDED
        self._finish(run, started, status.HTTP_200_OK)
        apply_mall_events()
        return Response({"batch": f"b_{run.id}", "results": [result.as_answer() for result in results]})

    def _finish(self, run: SyncRun, started: float, http_status: int) -> None:
        run.finished_at = timezone.now()
        run.duration_ms = int((time.monotonic() - started) * 1000)
        run.http_status = http_status
        run.save()

    def _refuse(self, run: SyncRun, started: float, http_status: int, code: str, message: str) -> Response:
        run.outcome, run.error = SyncRunOutcome.REFUSED, message
        self._finish(run, started, http_status)
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
