"""Exports: asked for by a person, written by a background worker with its progress
recorded, audited, downloaded by their requester only, deleted after a week. Performance
reports: written by the managers of a unit."""

import csv
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook

from crm.accounts.models import User
from crm.accounts.permissions import EXPORT_DATA
from crm.analytics.exports import Cell
from crm.analytics.kinds import EXPORT_KINDS
from crm.analytics.models import Export, ExportFormat, ExportStatus, PerformanceReport
from crm.analytics.reports import compose_report
from crm.audit.services import record_audit_event
from crm.core.errors import Forbidden, ValidationFailed
from crm.core.periods import Period
from crm.org.models import Department, DepartmentKind

# An .xlsx sheet holds 1,048,576 rows; beyond that, CSV.
XLSX_ROW_LIMIT = 1_000_000
KEEP_FOR = timedelta(days=7)
_PROGRESS_EVERY = 2000


def start_export(*, actor: User, kind: str, format: str, params: dict[str, Any]) -> Export:
    """Ask for an export of a list as the actor filtered it. Refused without the export
    right (data.export) or the right to read that list; the filter is checked now, so a
    mistake is answered at once rather than by a failed file."""
    if kind not in EXPORT_KINDS:
        raise ValidationFailed("不支持导出该数据", fields={"kind": [f"未知的导出类型 {kind}"]})
    export_kind = EXPORT_KINDS[kind]
    if format not in export_kind.formats:
        raise ValidationFailed(
            f"{export_kind.name}只能导出为 {'、'.join(export_kind.formats)}", fields={"format": ["不支持该格式"]}
        )
    if EXPORT_DATA not in actor.field_permission_codes() or not actor.has_code(export_kind.permission):
        raise Forbidden("您的角色不能导出该数据")
    export_kind.select(actor, params)  # validates the filter (raises on a bad one) at once
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    export = Export.objects.create(
        requester=actor, kind=kind, format=format, params=params, file_name=f"{export_kind.name}-{stamp}.{format}"
    )
    transaction.on_commit(lambda: _enqueue(export.id))
    return export


def _enqueue(export_id: int) -> None:
    from crm.analytics.tasks import write_export_task  # the task module imports this one

    write_export_task(export_id)


def write_export(export_id: int) -> Export:
    """Write the file: count, then stream the rows in chunks into the file, recording the
    progress as it goes; audit the export with its filter and row count."""
    export = Export.objects.select_related("requester").get(id=export_id)
    kind = EXPORT_KINDS[export.kind]
    try:
        rows = kind.select(export.requester, export.params)
        total = rows.count() if isinstance(rows, QuerySet) else len(rows)
        if export.format == ExportFormat.XLSX and total > XLSX_ROW_LIMIT:
            raise ValidationFailed(f"共 {total} 行，超过 Excel 的上限，请改用 CSV 或缩小筛选范围")
        Export.objects.filter(id=export.id).update(status=ExportStatus.RUNNING, total_rows=total)
        with tempfile.TemporaryDirectory() as folder:
            local = Path(folder) / export.file_name
            if kind.write is not None:
                kind.write(local, export.format, rows)
            else:
                _write_file(local, export, kind.headers, kind.rows(export.requester, rows))
            with local.open("rb") as content:
                path = default_storage.save(f"exports/{export.id}/{export.file_name}", File(content))
    except Exception as error:  # the requester sees why; the worker goes on with other work
        message = error.message if isinstance(error, ValidationFailed) else f"导出失败：{error}"
        Export.objects.filter(id=export.id).update(
            status=ExportStatus.FAILED, error=message, finished_at=timezone.now()
        )
        export.refresh_from_db()
        return export
    Export.objects.filter(id=export.id).update(
        status=ExportStatus.SUCCEEDED, file_path=path, done_rows=total, finished_at=timezone.now()
    )
    record_audit_event(
        actor=export.requester,
        action="data_exported",
        target_type="export",
        target_id=str(export.id),
        target_label=export.file_name,
        after={"kind": export.kind, "format": export.format, "params": export.params, "rows": total},
    )
    export.refresh_from_db()
    return export


def _write_file(path: Path, export: Export, headers: list[str], rows: Any) -> None:
    def progress(done: int) -> None:
        if done % _PROGRESS_EVERY == 0:
            Export.objects.filter(id=export.id).update(done_rows=done)

    if export.format == ExportFormat.CSV:
        # With a byte-order mark Excel opens UTF-8 CSV in Chinese correctly.
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            for done, row in enumerate(rows, start=1):
                writer.writerow(["" if cell is None else cell for cell in row])
                progress(done)
        return
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(export.file_name.rsplit(".", 1)[0][:31])
    sheet.append(headers)
    for done, row in enumerate(rows, start=1):
        sheet.append(list[Cell](row))
        progress(done)
    workbook.save(path)


def delete_expired_exports() -> int:
    """Files are kept a week; the rows stay as the record of what was exported."""
    expired = Export.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).exclude(file_path="")
    count = 0
    for export in expired:
        default_storage.delete(export.file_path)
        Export.objects.filter(id=export.id).update(file_path="")
        count += 1
    return count


def _check_report_unit(actor: User, department: Department) -> None:
    scope = actor.resolved_scope()
    if department.kind == DepartmentKind.COMPANY and not scope.everything:
        raise Forbidden("只有能查看全公司数据的人员可以编写公司报告", fields={"department": ["超出您的数据范围"]})
    if not scope.everything and department.id not in scope.department_ids:
        raise Forbidden(f"{department.name} 不在您的管理范围内", fields={"department": ["超出您的数据范围"]})


@transaction.atomic
def save_performance_report(
    *,
    actor: User,
    department: Department,
    start: date,
    end: date,
    title: str = "",
    summary: str = "",
    plan: str = "",
    report: PerformanceReport | None = None,
) -> PerformanceReport:
    """Write (or rewrite) a 部门业绩分析报告 on a unit the actor manages: the figures are
    composed now, under the actor's scope, and kept with the report with their time; the
    summary and plan are the actor's words. Audited."""
    _check_report_unit(actor, department)
    period = Period(start, end)
    report = report or PerformanceReport(author=actor)
    report.department, report.start, report.end = department, start, end
    report.title = (
        title.strip() or f"{department.name} {start:%Y-%m-%d} 至 {end - timedelta(days=1):%Y-%m-%d} 业绩分析报告"
    )
    report.summary, report.plan = summary, plan
    report.figures = compose_report(department, period, scope=actor.resolved_scope())
    report.figures_at = timezone.now()
    report.save()
    record_audit_event(
        actor=actor,
        action="performance_report_saved",
        target_type="performance_report",
        target_id=str(report.id),
        target_label=report.title,
        after={"department": department.name, "start": start.isoformat(), "end": end.isoformat()},
    )
    return report


@transaction.atomic
def delete_performance_report(*, actor: User, report: PerformanceReport) -> None:
    """Only its author or a viewer of everything deletes a report."""
    if report.author_id != actor.id and not actor.resolved_scope().everything:
        raise Forbidden("只有报告的作者可以删除它")
    record_audit_event(
        actor=actor,
        action="performance_report_deleted",
        target_type="performance_report",
        target_id=str(report.id),
        target_label=report.title,
    )
    report.delete()
