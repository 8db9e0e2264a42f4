from typing import Any

from rest_framework import serializers

from crm.audit.actions import action_name
from crm.audit.models import AuditEvent
from crm.core.serializers import ModelSerializer


class AuditEventSerializer(ModelSerializer):
    action_label = serializers.SerializerMethodField()
    ip = serializers.CharField(source="ip_address", allow_null=True)

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "created_at",
            "actor",
            "actor_name",
            "action",
            "action_label",
            "target_type",
            "target_id",
            "target_label",
            "ip",
            "before",
            "after",
        ]

    def get_action_label(self, event: AuditEvent) -> str:
        return action_name(event.action)


class AuditActionSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()
