"""Customer development (METRICS.md): the customers whose first ownership is a rep's and
starts in a period (新客户开发数量), those of them whose first purchase was paid before the
period's end (新客户成交数量), and the conversion rate. Whole months are read from
DevelopmentMonth, by the month of conversion; to the day, from CustomerDevelopment, only
the days around whole months and the conversions in the month a period ends in."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, DateField, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth, TruncQuarter, TruncWeek, TruncYear

from crm.analytics.credit import credited_scope_q
from crm.analytics.metrics import SUBJECT_COLUMN, grouped
from crm.analytics.models import CustomerDevelopment, DevelopmentMonth
from crm.core.periods import Grain, Period, month_start
from crm.core.scope import ResolvedScope


@dataclass
class Development:
    """New customers developed (新客户开发数量) and, of those, converted (新客户成交数量)."""

    developed: int = 0
    converted: int = 0

    @property
    def conversion_rate(self) -> Decimal | None:
        """新客户转化率 = converted / developed; None ("—") when none were developed."""
        if not self.developed:
            return None
        return (Decimal(self.converted) / Decimal(self.developed)).quantize(Decimal("0.0001"))


def _developed_on(pieces: list[Period]) -> Q:
    condition = Q()
    for piece in pieces:
        condition |= Q(developed_on__gte=piece.start, developed_on__lt=piece.end)
    return condition


def _whole_months(months: list[Period], condition: Q) -> tuple[QuerySet[Any], QuerySet[Any]]:
    """The DevelopmentMonth rows of whole months, and the same customers one by one."""
    first, end = months[0].start, months[-1].end
    return (
        DevelopmentMonth.objects.filter(condition, month__gte=first, month__lt=end),
        CustomerDevelopment.objects.filter(condition, developed_on__gte=first, developed_on__lt=end),
    )


def development(
    period: Period, *, scope: ResolvedScope, by: str = "rep", where: Q | None = None
) -> dict[int | None, Development]:
    """Per rep, group or department (None: unattributed, or the company when `by` is "company")."""
    column = SUBJECT_COLUMN[by]
    keys = [column] if column else []
    condition = credited_scope_q(scope) & (where or Q())
    found: dict[int | None, Development] = defaultdict(Development)

    def add(rows: list[dict[str, Any]], *, developed: bool = True) -> None:
        for row in rows:
            figures = found[row[column] if column else None]
            figures.developed += (row["developed"] or 0) if developed else 0
            figures.converted += row["converted"] or 0

    months, edges = period.split_by_months()
    ending_month = month_start(period.end)
    if months:
        monthly, customers = _whole_months(months, condition)
        sums: dict[str, Any] = {
            "developed": Sum("customers"),
            "converted": Sum("customers", filter=Q(converted_month__lt=ending_month)),
        }
        add(grouped(monthly, keys, sums))
        if period.end != ending_month:  # converted in the month the period ends in: to the day
            late = customers.filter(converted_on__gte=ending_month, converted_on__lt=period.end)
            add(grouped(late, keys, {"converted": Count("customer_id")}), developed=False)
    if edges:
        on_days = CustomerDevelopment.objects.filter(condition, _developed_on(edges))
        in_days: dict[str, Any] = {
            "developed": Count("customer_id"),
            "converted": Count("customer_id", filter=Q(converted_on__lt=period.end)),
        }
        add(grouped(on_days, keys, in_days))
    return {key: value for key, value in found.items() if value.developed}


_TRUNCATE = {Grain.WEEK: TruncWeek, Grain.MONTH: TruncMonth, Grain.QUARTER: TruncQuarter, Grain.YEAR: TruncYear}


def development_series(
    period: Period, grain: str, *, scope: ResolvedScope, where: Q | None = None
) -> list[tuple[Period, Development]]:
    """Development per bucket: each bucket is a period of its own, so a customer counts
    as converted when it converted before its bucket's end."""
    condition = credited_scope_q(scope) & (where or Q())
    buckets = list(period.buckets(grain))
    if grain in (Grain.DAY, Grain.WEEK):
        return _series_by_day(period, grain, buckets, condition)
    found = {bucket.start: Development() for bucket in buckets}
    bucket_of = {}
    for bucket in buckets:
        for month in bucket.buckets(Grain.MONTH):
            bucket_of[month_start(month.start)] = bucket
    months, edges = period.split_by_months()
    if months:
        monthly, customers = _whole_months(months, condition)
        for row in monthly.values("month", "converted_month").annotate(developed=Sum("customers")):
            bucket = bucket_of[row["month"]]
            found[bucket.start].developed += row["developed"]
            if row["converted_month"] is not None and row["converted_month"] < month_start(bucket.end):
                found[bucket.start].converted += row["developed"]
        last = buckets[-1]
        if last.end != month_start(last.end):  # the last bucket ends inside a month: to the day
            late = customers.filter(
                developed_on__gte=last.start, converted_on__gte=month_start(last.end), converted_on__lt=last.end
            )
            found[last.start].converted += late.count()
    for edge in edges:
        bucket = bucket_of[month_start(edge.start)]
        on_days = CustomerDevelopment.objects.filter(condition, _developed_on([edge])).aggregate(
            developed=Count("customer_id"), converted=Count("customer_id", filter=Q(converted_on__lt=bucket.end))
        )
        found[bucket.start].developed += on_days["developed"]
        found[bucket.start].converted += on_days["converted"]
    return [(bucket, found[bucket.start]) for bucket in buckets]


def _series_by_day(period: Period, grain: str, buckets: list[Period], condition: Q) -> list[tuple[Period, Development]]:
    """Day and week buckets straight from CustomerDevelopment: converted when converted
    in a bucket no later than the one developed in (and before the period's end)."""
    rows = CustomerDevelopment.objects.filter(condition, developed_on__gte=period.start, developed_on__lt=period.end)
    if grain == Grain.DAY:
        rows = rows.annotate(bucket=F("developed_on"), converted_bucket=F("converted_on"))
    else:
        rows = rows.annotate(
            bucket=TruncWeek("developed_on", output_field=DateField()),
            converted_bucket=TruncWeek("converted_on", output_field=DateField()),
        )
    converted = Q(converted_bucket__lte=F("bucket"), converted_on__lt=period.end)
    grouped = rows.values("bucket").annotate(
        developed=Count("customer_id"), converted=Count("customer_id", filter=converted)
    )
    found = {max(row["bucket"], period.start): Development(row["developed"], row["converted"]) for row in grouped}
    return [(bucket, found.get(bucket.start, Development())) for bucket in buckets]
