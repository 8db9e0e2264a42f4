from typing import Any

from rest_framework import serializers

from crm.analytics.kinds import EXPORT_KINDS
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


class PeriodSerializer(serializers.Serializer[Any]):
    start = serializers.DateField()
    end = serializers.DateField(help_text="exclusive")


class FiguresSerializer(serializers.Serializer[Any]):
    """One subject's figures over a period (METRICS.md's names)."""

    order_count = serializers.IntegerField(help_text="订单数量: orders created in the period")
    pending_payment_count = serializers.IntegerField()
    paid_count = serializers.IntegerField()
    shipped_count = serializers.IntegerField()
    completed_count = serializers.IntegerField()
    cancelled_count = serializers.IntegerField()
    sales_amount = serializers.DecimalField(max_digits=16, decimal_places=2, help_text="销售额")
    sales_order_count = serializers.IntegerField(help_text="counted orders paid in the period")
    developed = serializers.IntegerField(help_text="新客户开发数量")
    converted = serializers.IntegerField(help_text="新客户成交数量")
    conversion_rate = serializers.DecimalField(
        max_digits=6, decimal_places=4, allow_null=True, help_text="新客户转化率, null when none were developed"
    )


class SeriesPointSerializer(FiguresSerializer):
    start = serializers.DateField()
    end = serializers.DateField()


class PerformanceSerializer(serializers.Serializer[Any]):
    period = PeriodSerializer()
    previous_period = PeriodSerializer()
    totals = FiguresSerializer()
    previous_totals = FiguresSerializer()
    series = SeriesPointSerializer(many=True)


class BreakdownRowSerializer(FiguresSerializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    rank = serializers.IntegerField(help_text="by sales amount; ties share a rank")


class BreakdownSerializer(serializers.Serializer[Any]):
    period = PeriodSerializer()
    by = serializers.CharField()
    rows = BreakdownRowSerializer(many=True)


class RankingRowSerializer(serializers.Serializer[Any]):
    rank = serializers.IntegerField()
    id = serializers.IntegerField()
    name = serializers.CharField()
    value = serializers.CharField(
        allow_null=True, help_text="the figure as an exact decimal string (amounts 2 places, rates 4, counts whole)"
    )


class RankingSerializer(serializers.Serializer[Any]):
    period = PeriodSerializer()
    subject = serializers.CharField()
    figure = serializers.CharField()
    direction = serializers.CharField()
    rows = RankingRowSerializer(many=True)


class GroupRankSerializer(serializers.Serializer[Any]):
    rank = serializers.IntegerField()
    of = serializers.IntegerField()
    group_name = serializers.CharField()


class DashboardSerializer(serializers.Serializer[Any]):
    today = FiguresSerializer()
    this_month = FiguresSerializer()
    last_month = FiguresSerializer()
    last_month_to_date = FiguresSerializer(help_text="last month up to the same day of the month")
    group_rank = GroupRankSerializer(allow_null=True, help_text="the viewer's place in their sales group this month")
    churn_warnings = serializers.IntegerField()
    follow_ups_due = serializers.IntegerField()
    people = BreakdownRowSerializer(many=True, help_text="the people in the viewer's scope this month")
