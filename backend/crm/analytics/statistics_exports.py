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
from crm.analytics.queries import (
    BreakdownQuerySerializer,
    CustomerValueQuerySerializer,
    PeriodQuerySerializer,
    ProductQuerySerializer,
    RankingQuerySerializer,
    read_query,
)
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


def _products(user: User, params: dict[str, Any]) -> list[dict[str, Any]]:
    query = _query(ProductQuerySerializer, params)
    answer = selectors.products(
        query["period"], query["by"], scope=user.resolved_scope(), narrowing=query["narrowing"], limit=query["limit"]
    )
    return [{**row, "list": "畅销"} for row in answer["best"]] + [{**row, "list": "滞销"} for row in answer["slowest"]]


def _product_rows(user: User, rows: list[dict[str, Any]]) -> Iterator[list[Cell]]:
    for row in rows:
        yield [
            row["list"],
            row["rank"],
            row["name"],
            row["category_name"],
            row["sales_amount"],
            row["quantity"],
            _dash(row["average_stock"]),
            _dash(row["inventory_turnover"]),
        ]


def _dash(value: Decimal | None) -> Cell:
    return "—" if value is None else value


def _customers(user: User, params: dict[str, Any]) -> list[dict[str, Any]]:
    query = _query(CustomerValueQuerySerializer, params)
    answer = selectors.customer_value(
        query["period"], scope=user.resolved_scope(), narrowing=query["narrowing"], limit=query["limit"]
    )
    return list(answer["top"])


def _customer_rows(user: User, rows: list[dict[str, Any]]) -> Iterator[list[Cell]]:
    for row in rows:
        yield [
            row["rank"],
            row["name"],
            row["pharmacy_type"],
            row["province"],
            row["owner_name"],
            row["sales_amount"],
            row["purchase_count"],
            _dash(row["purchase_cycle_days"]),
        ]


def _churn(user: User, params: dict[str, Any]) -> list[dict[str, Any]]:
    query = _query(PeriodQuerySerializer, params)
    return list(selectors.churn(query["period"], query["grain"], scope=user.resolved_scope(), user=user)["series"])


def _churn_rows(user: User, series: list[dict[str, Any]]) -> Iterator[list[Cell]]:
    for point in series:
        yield [
            point["start"].isoformat(),
            point["end"].isoformat(),
            point["became_lost"],
            point["registered"],
            point["lost"],
            _dash(point["churn_rate"]),
        ]


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
    ExportKind(
        "statistics_products",
        "产品销售",
        VIEW_STATISTICS,
        ["榜单", "排名", "名称", "产品类别", "销售额", "销售数量", "平均库存数量", "库存周转率"],
        _products,
        _product_rows,
    ),
    ExportKind(
        "statistics_customers",
        "客户价值",
        VIEW_STATISTICS,
        ["排名", "客户", "药店类型", "省份", "归属销售", "累计消费金额", "购买次数", "平均购买周期（天）"],
        _customers,
        _customer_rows,
    ),
    ExportKind(
        "statistics_churn",
        "客户流失",
        VIEW_STATISTICS,
        ["开始日期", "结束日期（不含）", "流失客户数", "注册客户数", "已流失客户数", "客户流失率"],
        _churn,
        _churn_rows,
    ),
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
