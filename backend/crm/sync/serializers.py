from typing import Any

from rest_framework import serializers

from crm.core.masking import mask_customer_fields
from crm.core.serializers import ModelSerializer
from crm.sync.inbox import reveal
from crm.sync.models import MallEvent, SyncRun


class SyncRunSerializer(ModelSerializer):
    class Meta:
        model = SyncRun
        fields = [
            "id",
            "kind",
            "started_at",
            "finished_at",
            "duration_ms",
            "outcome",
            "http_status",
            "delivery_id",
            "source_address",
            "received_count",
            "accepted_count",
            "duplicate_count",
            "rejected_count",
            "error",
            "details",
        ]


class MallEventSerializer(ModelSerializer):
    """An inbox event, its content shown with sensitive values masked unless the viewer's
    role may see them."""

    payload = serializers.SerializerMethodField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))  # type: ignore[assignment]
    warnings = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = MallEvent
        fields = [
            "id",
            "event_id",
            "type",
            "occurred_at",
            "effective_at",
            "status",
            "waits_for",
            "errors",
            "warnings",
            "run",
            "received_at",
            "status_changed_at",
            "applied_at",
            "attempts",
            "payload",
        ]

    def get_payload(self, event: MallEvent) -> dict[str, Any]:
        payload = reveal(event.payload)
        if not isinstance(payload, dict):
            return {"value": payload}
        user = self.context["request"].user
        if isinstance(payload.get("data"), dict):
            payload = {**payload, "data": mask_customer_fields(payload["data"], user.field_permission_codes())}
        return payload


class MallEventCorrectionSerializer(serializers.Serializer[Any]):
    payload = serializers.JSONField(help_text="整个事件（id、type、occurred_at、data），修正后的内容")


class PullRequestSerializer(serializers.Serializer[Any]):
    full = serializers.BooleanField(default=False, help_text="全量导入（backfill）而不是增量对账")


class SyncStatusSerializer(serializers.Serializer[Any]):
    backlog = serializers.DictField(child=serializers.IntegerField())
    parked_alert_minutes = serializers.IntegerField()
    parked_too_long = serializers.IntegerField()
    oldest_parked_since = serializers.DateTimeField(allow_null=True)
    failed_runs_last_day = serializers.IntegerField()
    last_pull = SyncRunSerializer(allow_null=True)
    export_configured = serializers.BooleanField()
