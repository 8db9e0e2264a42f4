from typing import Any

from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from crm.accounts.views import acting_user
from crm.analytics import selectors, services
from crm.analytics.models import Export, PerformanceReport, PerformanceReportQuerySet
from crm.analytics.permissions import MANAGE_REPORT, VIEW_STATISTICS
from crm.analytics.queries import (
    BreakdownQuerySerializer,
    CustomerValueQuerySerializer,
    PeriodQuerySerializer,
    ProductQuerySerializer,
    RankingQuerySerializer,
    read_query,
)
from crm.analytics.serializers import (
    BreakdownSerializer,
    ChurnSerializer,
    CustomerValueSerializer,
    DashboardSerializer,
    ExportRequestSerializer,
    ExportSerializer,
    PerformanceReportListSerializer,
    PerformanceReportSerializer,
    PerformanceReportWriteSerializer,
    PerformanceSerializer,
    ProductsSerializer,
    RankingSerializer,
)
from crm.core.api import ScopedStatisticView, ScopedViewSet, UnscopedViewSet
from crm.core.errors import Conflict
from crm.core.permissions import ANY_LOGGED_IN


class ExportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, UnscopedViewSet):
    """导出: ask for an export of a list, follow its progress, download the file."""

    scope_exempt_reason = "the caller's own export jobs; their rows are scoped to the caller when written"
    queryset = Export.objects.none()  # for the schema; get_queryset answers requests
    serializer_class = ExportSerializer
    read_permission = ANY_LOGGED_IN
    write_permission = ANY_LOGGED_IN  # the export right is checked by the service, per kind

    def get_queryset(self) -> QuerySet[Export]:
        return Export.objects.filter(requester=acting_user(self.request))

    @extend_schema(request=ExportRequestSerializer, responses=ExportSerializer)
    def create(self, request: Request) -> Response:
        serializer = ExportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        export = services.start_export(actor=acting_user(request), **serializer.validated_data)
        return Response(ExportSerializer(export).data, status=201)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str) -> FileResponse:
        export = self.get_object()
        if export.status != "succeeded" or not export.file_path:
            raise Conflict("文件尚未生成或已过期（保留 7 天）", code="export_not_ready")
        return FileResponse(default_storage.open(export.file_path, "rb"), as_attachment=True, filename=export.file_name)


class PerformanceView(ScopedStatisticView):
    """销售员业绩 / 组 / 部门业绩: totals against the previous period and the series by grain."""

    read_permission = VIEW_STATISTICS

    @extend_schema(parameters=[PeriodQuerySerializer], responses=PerformanceSerializer)
    def get(self, request: Request) -> Response:
        query = read_query(PeriodQuerySerializer, request.query_params)
        answer = selectors.performance(
            query["period"], query["grain"], scope=self.viewer_scope(), narrowing=query["narrowing"]
        )
        return Response(PerformanceSerializer(answer).data)


class BreakdownView(ScopedStatisticView):
    """按人 / 按组 / 按部门统计: every subject in scope side by side."""

    read_permission = VIEW_STATISTICS

    @extend_schema(parameters=[BreakdownQuerySerializer], responses=BreakdownSerializer)
    def get(self, request: Request) -> Response:
        query = read_query(BreakdownQuerySerializer, request.query_params)
        rows = selectors.breakdown(
            query["period"], query["by"], scope=self.viewer_scope(), narrowing=query["narrowing"]
        )
        return Response(BreakdownSerializer({"period": query["period"], "by": query["by"], "rows": rows}).data)


class RankingView(ScopedStatisticView):
    """业绩排名: reps, groups, departments, products, categories or customers by one figure."""

    read_permission = VIEW_STATISTICS

    @extend_schema(parameters=[RankingQuerySerializer], responses=RankingSerializer)
    def get(self, request: Request) -> Response:
        query = read_query(RankingQuerySerializer, request.query_params)
        rows = selectors.ranking(
            query["period"],
            query["subject"],
            query["figure"],
            descending=query["direction"] == "desc",
            limit=query["limit"],
            scope=self.viewer_scope(),
            narrowing=query["narrowing"],
        )
        keys = ("period", "subject", "figure", "direction")
        return Response(RankingSerializer({**{key: query[key] for key in keys}, "rows": rows}).data)


class DashboardView(ScopedStatisticView):
    """工作台: what the viewer sees first."""

    read_permission = VIEW_STATISTICS

    @extend_schema(responses=DashboardSerializer)
    def get(self, request: Request) -> Response:
        return Response(DashboardSerializer(selectors.dashboard(acting_user(request))).data)


class ProductsView(ScopedStatisticView):
    """产品销售: best and slowest sellers by product or category."""

    read_permission = VIEW_STATISTICS

    @extend_schema(parameters=[ProductQuerySerializer], responses=ProductsSerializer)
    def get(self, request: Request) -> Response:
        query = read_query(ProductQuerySerializer, request.query_params)
        answer = selectors.products(
            query["period"],
            query["by"],
            scope=self.viewer_scope(),
            narrowing=query["narrowing"],
            limit=query["limit"],
            grain=query["grain"],
            product=query.get("product"),
            category=query.get("category"),
        )
        return Response(ProductsSerializer(answer).data)


class CustomerValueView(ScopedStatisticView):
    """客户价值: top customers, purchase frequency and cycle, composition."""

    read_permission = VIEW_STATISTICS

    @extend_schema(parameters=[CustomerValueQuerySerializer], responses=CustomerValueSerializer)
    def get(self, request: Request) -> Response:
        query = read_query(CustomerValueQuerySerializer, request.query_params)
        answer = selectors.customer_value(
            query["period"],
            scope=self.viewer_scope(),
            narrowing=query["narrowing"],
            limit=query["limit"],
            grain=query["grain"],
            customer=query.get("customer"),
        )
        return Response(CustomerValueSerializer(answer).data)


class ChurnView(ScopedStatisticView):
    """客户流失率: churn as of the period's end and per bucket, lost customers per bucket, reasons."""

    read_permission = VIEW_STATISTICS

    @extend_schema(parameters=[PeriodQuerySerializer], responses=ChurnSerializer)
    def get(self, request: Request) -> Response:
        query = read_query(PeriodQuerySerializer, request.query_params)
        answer = selectors.churn(query["period"], query["grain"], scope=self.viewer_scope(), user=acting_user(request))
        return Response(ChurnSerializer(answer).data)


class PerformanceReportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ScopedViewSet
):
    """部门业绩分析报告: a manager writes a report on a unit over a period (the figures are
    composed when saved), rewrites it, downloads it through the exports (Excel or PDF)."""

    serializer_class = PerformanceReportSerializer
    read_permission = MANAGE_REPORT
    write_permission = MANAGE_REPORT
    filterset_fields = ["department"]

    def base_queryset(self) -> PerformanceReportQuerySet:
        return PerformanceReport.objects.select_related("department", "author")

    def get_serializer_class(self) -> Any:
        return PerformanceReportListSerializer if self.action == "list" else PerformanceReportSerializer

    @extend_schema(request=PerformanceReportWriteSerializer, responses=PerformanceReportSerializer)
    def create(self, request: Request) -> Response:
        serializer = PerformanceReportWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.save_performance_report(actor=acting_user(request), **serializer.validated_data)
        return Response(PerformanceReportSerializer(report).data, status=201)

    @extend_schema(request=PerformanceReportWriteSerializer, responses=PerformanceReportSerializer)
    def update(self, request: Request, pk: str) -> Response:
        """Rewrite the report: its words as given, its figures composed anew."""
        serializer = PerformanceReportWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.save_performance_report(
            actor=acting_user(request), report=self.get_object(), **serializer.validated_data
        )
        return Response(PerformanceReportSerializer(report).data)

    def perform_destroy(self, instance: PerformanceReport) -> None:
        services.delete_performance_report(actor=acting_user(self.request), report=instance)
