"""部门业绩分析报告: a manager writes a report on their department (figures composed when
saved, against the previous period, with the reps, products and customers behind the
change), downloads it as Excel and PDF; nobody writes one on a unit outside their scope."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from conftest import client_for
from crm.accounts.demo import build_demo_organisation
from crm.analytics.models import PerformanceReport
from crm.analytics.rollups import refresh_changed_days
from crm.analytics.tests.downloads import download
from crm.audit.models import AuditEvent
from crm.customers.tests.book import build_book

URL = "/api/v1/performance-reports/"
SPRING = {"start": "2026-02-01", "end": "2026-05-01"}


@pytest.fixture
def organisation(db):
    """The cast in their units since 2025, so that the book's orders are credited to groups."""
    cast = build_demo_organisation(joined_at=datetime(2025, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai")))
    build_book(cast)
    refresh_changed_days()
    return cast


def test_a_manager_writes_the_department_report_with_what_drove_the_change(organisation):
    cast = organisation
    body = {"department": cast.east_region.id, **SPRING, "summary": "春季回暖", "plan": "加强杭州组拜访"}

    response = client_for(cast.manager).post(URL, body, format="json")

    assert response.status_code == 201, response.json()
    report = response.json()
    assert report["title"] == "华东大区 2026-02-01 至 2026-04-30 业绩分析报告"
    figures = report["figures"]
    assert figures["headlines"]["sales_amount"] == {
        "current": "2125.00",
        "previous": "0.00",
        "change": "2125.00",
        "rate": None,
    }
    assert figures["headlines"]["sales_order_count"] == {"current": "5", "previous": "0", "change": "5", "rate": None}
    assert figures["previous_period"] == {"start": "2025-11-01", "end": "2026-02-01"}
    assert [(row["name"], row["change"]) for row in figures["drivers"]["reps"]] == [
        ("刘洋", "1125.00"),
        ("李明", "750.00"),
        ("张伟", "250.00"),
    ]
    assert [(row["name"], row["sales_amount"], row["rank"]) for row in figures["breakdown"]] == [
        ("杭州组", "1125.00", 1),
        ("上海一组", "1000.00", 2),
    ]
    assert [row["name"] for row in figures["drivers"]["customers"]][:1] == ["转手药房"]
    assert AuditEvent.objects.filter(action="performance_report_saved", target_id=str(report["id"])).exists()


def test_nobody_reports_on_a_unit_outside_their_scope(organisation):
    cast = organisation

    outside = client_for(cast.manager).post(URL, {"department": cast.service_department.id, **SPRING}, format="json")
    supervisor = client_for(cast.supervisor).post(URL, {"department": cast.shanghai_group.id, **SPRING}, format="json")

    assert outside.status_code == 403
    assert outside.json()["fields"] == {"department": ["超出您的数据范围"]}
    assert supervisor.status_code == 403
    assert not PerformanceReport.objects.exists()


def test_a_bad_period_is_named(organisation):
    response = client_for(organisation.manager).post(
        URL, {"department": organisation.east_region.id, "start": "2026-05-01", "end": "2026-02-01"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["end"]


def test_the_report_downloads_as_excel_and_pdf(organisation, export):
    cast = organisation
    client = client_for(cast.manager)
    report = client.post(URL, {"department": cast.shanghai_group.id, **SPRING}, format="json").json()

    workbook = export(client, {"kind": "performance_report", "format": "xlsx", "params": {"report": report["id"]}})
    pdf = export(client, {"kind": "performance_report", "format": "pdf", "params": {"report": report["id"]}})
    csv = client.post(
        "/api/v1/exports/",
        {"kind": "performance_report", "format": "csv", "params": {"report": report["id"]}},
        format="json",
    )

    sheets = load_workbook(io.BytesIO(download(client, workbook["id"])))
    assert sheets.sheetnames == ["概览", "趋势", "销售员", "主要变化"]
    assert sheets["概览"]["A1"].value == report["title"]
    assert [row[1] for row in sheets["销售员"].iter_rows(min_row=2, values_only=True)] == ["李明", "张伟"]
    assert download(client, pdf["id"]).startswith(b"%PDF")
    assert csv.status_code == 400 and list(csv.json()["fields"]) == ["format"]


def test_a_report_is_seen_within_the_scope_and_rewritten_with_fresh_figures(organisation):
    cast = organisation
    manager = client_for(cast.manager)
    report = manager.post(URL, {"department": cast.hangzhou_group.id, **SPRING}, format="json").json()

    listed = client_for(cast.executive).get(URL).json()["results"]
    rewritten = manager.put(
        f"{URL}{report['id']}/",
        {"department": cast.hangzhou_group.id, "start": "2026-04-01", "end": "2026-05-01", "summary": "四月"},
        format="json",
    ).json()

    assert [row["title"] for row in listed] == [report["title"]]
    assert "figures" not in listed[0]
    assert rewritten["figures"]["headlines"]["sales_amount"]["current"] == "750.00"
    assert rewritten["summary"] == "四月"
    assert client_for(cast.rep_liu).get(f"{URL}{report['id']}/").status_code == 403
