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
from crm.analytics import services
from crm.analytics.models import Export
from crm.analytics.serializers import ExportRequestSerializer, ExportSerializer
from crm.core.api import UnscopedViewSet
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
