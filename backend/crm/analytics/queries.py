"""The query parameters of the statistics: a period of whole business days, its grain,
and what the viewer narrows the figures to. Shared by the statistics views and their
exports, so a file holds exactly what the screen shows."""

from datetime import timedelta
from typing import Any

from rest_framework import serializers

from crm.analytics.credit import Narrowing
from crm.analytics.selectors import RANKED_FIGURES
from crm.core.periods import Grain, Period, month_start, today


class PeriodQuerySerializer(serializers.Serializer[Any]):
    """A period of whole business days `[start, end)` (METRICS.md, time) and what the
    figures are narrowed to inside the viewer's scope."""

    start = serializers.DateField(required=False, help_text="the first day (default: the first of this month)")
    end = serializers.DateField(
        required=False, help_text="the first day after the period, exclusive (default: tomorrow)"
    )
    grain = serializers.ChoiceField(choices=Grain.choices, default=Grain.DAY)
    rep = serializers.IntegerField(required=False, min_value=1)
    group = serializers.IntegerField(required=False, min_value=1)
    department = serializers.IntegerField(required=False, min_value=1, help_text="with everything below it")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        now = today()
        start = attrs.get("start") or month_start(now)
        end = attrs.get("end") or now + timedelta(days=1)
        if end <= start:
            raise serializers.ValidationError({"end": ["结束日期须晚于开始日期"]})
        if (end - start).days > MAX_PERIOD_DAYS:
            raise serializers.ValidationError({"start": [f"统计区间最长 {MAX_PERIOD_DAYS // 366} 年"]})
        if attrs["grain"] == Grain.DAY and (end - start).days > MAX_DAY_BUCKETS:
            raise serializers.ValidationError({"grain": [f"按日统计最长 {MAX_DAY_BUCKETS} 天，请按周或按月查看"]})
        attrs["period"] = Period(start, end)
        attrs["narrowing"] = Narrowing(attrs.get("rep"), attrs.get("group"), attrs.get("department"))
        return attrs


MAX_PERIOD_DAYS = 5 * 366
MAX_DAY_BUCKETS = 3 * 366


class BreakdownQuerySerializer(PeriodQuerySerializer):
    by = serializers.ChoiceField(choices=[("rep", "销售员"), ("group", "销售组"), ("department", "部门")])


class RankingQuerySerializer(PeriodQuerySerializer):
    subject = serializers.ChoiceField(choices=sorted(RANKED_FIGURES))
    figure = serializers.CharField(default="sales_amount")
    direction = serializers.ChoiceField(choices=[("desc", "从高到低"), ("asc", "从低到高")], default="desc")
    limit = serializers.IntegerField(default=20, min_value=1, max_value=200)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        allowed = RANKED_FIGURES[attrs["subject"]]
        if attrs["figure"] not in allowed:
            raise serializers.ValidationError({"figure": [f"可选：{'、'.join(allowed)}"]})
        return attrs


def read_query(serializer_class: type[serializers.Serializer[Any]], parameters: Any) -> dict[str, Any]:
    """The validated query; a mistake answers 400 naming the parameter."""
    serializer = serializer_class(data=parameters)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class ProductQuerySerializer(PeriodQuerySerializer):
    by = serializers.ChoiceField(choices=[("product", "产品"), ("category", "产品类别")], default="product")
    limit = serializers.IntegerField(default=20, min_value=1, max_value=200)
    product = serializers.IntegerField(required=False, min_value=1, help_text="one product's series by grain")
    category = serializers.IntegerField(required=False, min_value=1, help_text="one category's series by grain")


class CustomerValueQuerySerializer(PeriodQuerySerializer):
    limit = serializers.IntegerField(default=20, min_value=1, max_value=200, help_text="how many top customers")
    customer = serializers.IntegerField(required=False, min_value=1, help_text="one customer's spend by grain")
