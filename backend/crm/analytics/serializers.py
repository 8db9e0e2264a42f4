from typing import Any

from rest_framework import serializers

from crm.analytics.exports import EXPORT_KINDS
from crm.analytics.models import Export, ExportFormat
from crm.core.serializers import ModelSerializer


class ExportSerializer(ModelSerializer):
    progress = serializers.SerializerMethodField()
    ready = serializers.SerializerMethodField()

    class Meta:
        model = Export
        fields = [
            "id",
            "kind",
            "format",
            "params",
            "status",
            "total_rows",
            "done_rows",
            "progress",
            "file_name",
            "ready",
            "error",
            "created_at",
            "finished_at",
        ]

    def get_progress(self, export: Export) -> int:
        """Percent done, 0–100."""
        if export.status == "succeeded":
            return 100
        if not export.total_rows:
            return 0
        return min(99, export.done_rows * 100 // export.total_rows)

    def get_ready(self, export: Export) -> bool:
        return export.status == "succeeded" and bool(export.file_path)


class ExportRequestSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=sorted(EXPORT_KINDS))
    format = serializers.ChoiceField(choices=ExportFormat.choices, default=ExportFormat.XLSX)
    params = serializers.DictField(required=False, default=dict, help_text="the list's query parameters")
