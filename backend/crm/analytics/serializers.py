from typing import Any

from rest_framework import serializers

from crm.analytics.kinds import EXPORT_KINDS
from crm.analytics.models import Export, ExportFormat, PerformanceReport
from crm.core.serializers import ModelSerializer
from crm.org.models import Department


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


class ProductRowSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    category_name = serializers.CharField(help_text="the product's category (empty for a category row)")
    rank = serializers.IntegerField()
    sales_amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    quantity = serializers.IntegerField(help_text="销售数量")
    average_stock = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text="平均库存数量 (company-wide viewers, products)"
    )
    inventory_turnover = serializers.DecimalField(
        max_digits=14,
        decimal_places=4,
        allow_null=True,
        help_text="库存周转率, null when average stock is 0 or unknown",
    )


class ProductPointSerializer(serializers.Serializer[Any]):
    start = serializers.DateField()
    end = serializers.DateField()
    sales_amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    quantity = serializers.IntegerField()


class ProductsSerializer(serializers.Serializer[Any]):
    period = PeriodSerializer()
    by = serializers.CharField()
    series = ProductPointSerializer(many=True, help_text="the asked product's or category's sales by grain")
    sales_amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    quantity = serializers.IntegerField()
    best = ProductRowSerializer(many=True, help_text="best sellers by sales amount")
    slowest = ProductRowSerializer(many=True, help_text="slowest sellers, those that sold nothing first")


class FrequencyBandSerializer(serializers.Serializer[Any]):
    band = serializers.CharField(help_text="0, 1, 2, 3-5, 6-10 or 11+ purchases")
    customers = serializers.IntegerField()


class TopCustomerSerializer(serializers.Serializer[Any]):
    rank = serializers.IntegerField()
    id = serializers.IntegerField()
    name = serializers.CharField()
    pharmacy_type = serializers.CharField()
    province = serializers.CharField()
    owner_name = serializers.CharField()
    sales_amount = serializers.DecimalField(max_digits=16, decimal_places=2, help_text="累计消费金额 in the period")
    purchase_count = serializers.IntegerField()
    purchase_cycle_days = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)


class CompositionRowSerializer(serializers.Serializer[Any]):
    key = serializers.CharField(help_text="the pharmacy type's dictionary code, or the province")
    customers = serializers.IntegerField()


class CompositionSerializer(serializers.Serializer[Any]):
    by_pharmacy_type = CompositionRowSerializer(many=True)
    by_province = CompositionRowSerializer(many=True)


class SpendPointSerializer(serializers.Serializer[Any]):
    start = serializers.DateField()
    end = serializers.DateField()
    sales_amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    cumulative_spend = serializers.DecimalField(
        max_digits=16, decimal_places=2, help_text="累计消费金额 as of the bucket's end"
    )


class CustomerValueSerializer(serializers.Serializer[Any]):
    period = PeriodSerializer()
    customer_series = SpendPointSerializer(many=True, help_text="the asked customer's spend by grain")
    purchasing_customers = serializers.IntegerField()
    sales_amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    purchase_count = serializers.IntegerField()
    average_purchase_cycle_days = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    frequency = FrequencyBandSerializer(many=True, help_text="购买频次分布")
    top = TopCustomerSerializer(many=True)
    composition = CompositionSerializer(help_text="客户构成 of the customers registered before the period's end")


class ChurnPointSerializer(serializers.Serializer[Any]):
    start = serializers.DateField()
    end = serializers.DateField()
    became_lost = serializers.IntegerField(help_text="customers whose last purchase + N days fell in the bucket")
    registered = serializers.IntegerField(help_text="customers registered before the bucket's end")
    lost = serializers.IntegerField(help_text="customers lost as of the bucket's end")
    churn_rate = serializers.DecimalField(max_digits=6, decimal_places=4, allow_null=True)


class ChurnReasonSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField(help_text="the reason as the dictionary words it")
    cases = serializers.IntegerField()


class ChurnSerializer(serializers.Serializer[Any]):
    period = PeriodSerializer()
    window_days = serializers.IntegerField(help_text="N: lost N days after the last purchase")
    registered = serializers.IntegerField()
    lost = serializers.IntegerField(help_text="as of the period's end")
    churn_rate = serializers.DecimalField(max_digits=6, decimal_places=4, allow_null=True, help_text="客户流失率")
    became_lost = serializers.IntegerField()
    series = ChurnPointSerializer(many=True)
    reasons = ChurnReasonSerializer(many=True, help_text="reasons of the cases confirmed lost in the period")


class PerformanceReportSerializer(ModelSerializer):
    """A performance report with the figures kept when it was last saved (see
    crm.analytics.reports for their shape)."""

    department_name = serializers.CharField(source="department.name", read_only=True)
    author_name = serializers.CharField(source="author.display_name", read_only=True)

    class Meta:
        model = PerformanceReport
        fields = [
            "id",
            "department",
            "department_name",
            "start",
            "end",
            "title",
            "summary",
            "plan",
            "figures",
            "figures_at",
            "author",
            "author_name",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PerformanceReportListSerializer(PerformanceReportSerializer):
    class Meta(PerformanceReportSerializer.Meta):
        fields = [name for name in PerformanceReportSerializer.Meta.fields if name != "figures"]
        read_only_fields = fields


class PerformanceReportWriteSerializer(serializers.Serializer[Any]):
    department = serializers.IntegerField(min_value=1, help_text="the department or sales group reported on")
    start = serializers.DateField()
    end = serializers.DateField(help_text="the first day after the period")
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    summary = serializers.CharField(required=False, allow_blank=True, default="", help_text="业绩总结")
    plan = serializers.CharField(required=False, allow_blank=True, default="", help_text="下一步计划")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["end"] <= attrs["start"]:
            raise serializers.ValidationError({"end": ["结束日期须晚于开始日期"]})
        if (attrs["end"] - attrs["start"]).days > 366 * 3:
            raise serializers.ValidationError({"start": ["报告区间最长 3 年"]})
        department = Department.objects.filter(id=attrs["department"]).first()
        if department is None:
            raise serializers.ValidationError({"department": ["部门不存在"]})
        attrs["department"] = department
        return attrs
