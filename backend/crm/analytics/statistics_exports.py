"""Exports of the statistics tables (the same query as the screen, under the requester's
scope, computed when the file is written) and of the performance reports (as Excel or PDF)."""

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from rest_framework import serializers

from crm.accounts.models import User
from crm.analytics import selectors
from crm.analytics.exports import Cell, ExportKind
from crm.analytics.models import PerformanceReport
from crm.analytics.permissions import MANAGE_REPORT, VIEW_STATISTICS
from crm.analytics.queries import BreakdownQuerySerializer, PeriodQuerySerializer, RankingQuerySerializer, read_query
from crm.analytics.report_files import write_report_pdf, write_report_xlsx
from crm.core.errors import ValidationFailed

FIGURE_HEADERS = [
    ("order_count", "订单数"),
    ("pending_payment_count", "待付款"),
    ("paid_count", "已付款"),
    ("shipped_count", "已发货"),
    ("completed_count", "已完成"),
    ("cancelled_count", "已取消"),
    ("sales_amount", "销售额"),
    ("sales_order_count", "成交订单数"),
    ("developed", "新客户开发数量"),
    ("converted", "新客户成交数量"),
    ("conversion_rate", "新客户转化率"),
]


def _query(serializer_class: type[serializers.Serializer[Any]], params: dict[str, Any]) -> dict[str, Any]:
    try:
        return read_query(serializer_class, params)
    except serializers.ValidationError as error:
        detail = error.detail if isinstance(error.detail, dict) else {"params": error.detail}
        raise ValidationFailed(
            "统计条件有误", fields={f"params.{key}": [str(item) for item in value] for key, value in detail.items()}
        ) from error


def _figures(row: dict[str, Any]) -> list[Cell]:
    return [row[name] if row[name] is not None else "—" for name, _ in FIGURE_HEADERS]


def _performance(user: User, params: dict[str, Any]) -> list[dict[str, Any]]:
    query = _query(PeriodQuerySerializer, params)
    answer = selectors.performance(
        query["period"], query["grain"], scope=user.resolved_scope(), narrowing=query["narrowing"]
    )
    return list(answer["series"])


def _performance_rows(user: User, series: list[dict[str, Any]]) -> Iterator[list[Cell]]:
    for point in series:
        yield [point["start"].isoformat(), point["end"].isoformat(), *_figures(point)]


def _breakdown(user: User, params: dict[str, Any]) -> list[dict[str, Any]]:
    query = _query(BreakdownQuerySerializer, params)
    return selectors.breakdown(query["period"], query["by"], scope=user.resolved_scope(), narrowing=query["narrowing"])


def _breakdown_rows(user: User, rows: list[dict[str, Any]]) -> Iterator[list[Cell]]:
    for row in rows:
        yield [row["rank"], row["name"], *_figures(row)]


def _ranking(user: User, params: dict[str, Any]) -> list[dict[str, Any]]:
    query = _query(RankingQuerySerializer, params)
    return selectors.ranking(
        query["period"],
        query["subject"],
        query["figure"],
        descending=query["direction"] == "desc",
        limit=query["limit"],
        scope=user.resolved_scope(),
        narrowing=query["narrowing"],
    )


def _ranking_rows(user: User, rows: list[dict[str, Any]]) -> Iterator[list[Cell]]:
    for row in rows:
        yield [row["rank"], row["name"], Decimal(row["value"]) if row["value"] is not None else "—"]


STATISTICS_EXPORTS = [
    ExportKind(
        "statistics_performance",
        "业绩统计",
        VIEW_STATISTICS,
        ["开始日期", "结束日期（不含）", *(label for _, label in FIGURE_HEADERS)],
        _performance,
        _performance_rows,
    ),
    ExportKind(
        "statistics_breakdown",
        "业绩对比",
        VIEW_STATISTICS,
        ["排名", "名称", *(label for _, label in FIGURE_HEADERS)],
        _breakdown,
        _breakdown_rows,
    ),
    ExportKind("statistics_ranking", "业绩排名", VIEW_STATISTICS, ["排名", "名称", "数值"], _ranking, _ranking_rows),
]


def _report(user: User, params: dict[str, Any]) -> list[PerformanceReport]:
    report_id = params.get("report")
    if not str(report_id or "").isdigit():
        raise ValidationFailed("请选择要下载的报告", fields={"params.report": ["需要报告编号"]})
    report = PerformanceReport.objects.visible_to(user).filter(id=int(str(report_id))).first()
    if report is None:
        raise ValidationFailed("报告不存在或不在您的数据范围内", fields={"params.report": ["找不到该报告"]})
    return [report]


def _write_report(path: Path, format: str, reports: list[PerformanceReport]) -> None:
    (write_report_pdf if format == "pdf" else write_report_xlsx)(path, reports[0])


REPORT_EXPORT = ExportKind(
    "performance_report",
    "业绩分析报告",
    MANAGE_REPORT,
    [],
    _report,
    lambda user, reports: iter(()),
    formats=("xlsx", "pdf"),
    write=_write_report,
)
