"""业绩分析报告 as a department manager writes one, in headless Chromium: a report on 华东大区
over this month, with the manager's summary and plan, saved with the figures the server
composes, then downloaded as PDF and as Excel through the exports. The customers are the test
book's (crm/customers/tests/book.py); the orders are placed today, after the cast joined
their groups, so they are credited to the department, and the rollups are refreshed before
the page loads, as the minutely task would. A rep has no reports to write."""

import re
from collections.abc import Iterator
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Browser, Locator, Page, expect

from crm.accounts.demo import DEMO_PASSWORD, DemoOrganisation
from crm.analytics.models import Export, PerformanceReport
from crm.analytics.rollups import refresh_changed_days
from crm.customers.tests.book import build_book
from e2e.conftest import log_in
from e2e.test_statistics_in_browser import order_today, scrolls_sideways

pytestmark = pytest.mark.browser


@pytest.fixture
def shanghai_page(browser: Browser, live_server: object) -> Iterator[Page]:
    """A desktop browser in the users' time zone: 本月 is cut by the browser's day, which
    must be the server's (Asia/Shanghai) whatever hour the tests run."""
    context = browser.new_context(
        base_url=str(live_server),
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        viewport={"width": 1280, "height": 800},
        accept_downloads=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def textarea(page: Page, test_id: str) -> Locator:
    """The <textarea> of a form field, whether the test id sits on it or on its wrapper."""
    return page.locator(f"textarea[data-testid={test_id}], [data-testid={test_id}] textarea").first


def download_report(page: Page, test_id: str) -> tuple[str, bytes]:
    """Ask for the file, wait for the export to be written, download it: its name and bytes."""
    page.get_by_test_id(test_id).click()
    expect(page.get_by_test_id("export-status")).to_have_text("文件已生成")
    with page.expect_download() as download:
        page.get_by_test_id("export-download").click()
    content = Path(download.value.path()).read_bytes()
    page.get_by_role("dialog").get_by_role("button", name="关闭", exact=True).click()
    expect(page.get_by_role("dialog")).to_be_hidden()
    return download.value.suggested_filename, content


def test_a_manager_writes_a_report_on_the_department_and_downloads_it(
    shanghai_page: Page, live_cast: DemoOrganisation
) -> None:
    page = shanghai_page
    book = build_book(live_cast)
    order_today("1", book.li_customer, "1250.00")
    order_today("2", book.zhang_customer, "250.00")
    order_today("3", book.liu_customer, "375.00")
    refresh_changed_days()
    month = timezone.localdate().replace(day=1)
    next_month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    last_day = next_month - timedelta(days=1)

    log_in(page, "manager", DEMO_PASSWORD)
    page.get_by_test_id("menu-statistics-reports").click()
    expect(page.get_by_test_id("reports-table")).to_contain_text("还没有报告")
    page.get_by_test_id("report-new").click()
    expect(page).to_have_url(re.compile(r"/statistics/reports/new$"))

    page.get_by_test_id("report-unit").first.click()
    page.locator(".el-select-dropdown .el-tree-node__content").filter(has_text="华东大区").first.click()
    # 上月 is where a new report starts; the orders were placed this month.
    page.get_by_test_id("report-period").locator(".el-select").click()
    page.get_by_role("option", name="本月", exact=True).click()
    expect(page.get_by_test_id("report-period")).to_contain_text(f"{month.isoformat()} ~ {last_day.isoformat()}")
    textarea(page, "report-summary").fill("本月华东大区成交 3 单，上海一组贡献八成。")
    textarea(page, "report-plan").fill("下月重点回访杭州组客户。")
    page.get_by_test_id("report-save").click()

    expect(page.get_by_test_id("report-saved-at")).to_contain_text("已保存")
    expect(page).to_have_url(re.compile(r"/statistics/reports/\d+$"))
    report = PerformanceReport.objects.get()
    assert (report.department, report.author, report.start, report.end) == (
        live_cast.east_region,
        live_cast.manager,
        month,
        next_month,
    )
    assert (report.summary, report.plan) == ("本月华东大区成交 3 单，上海一组贡献八成。", "下月重点回访杭州组客户。")
    title = f"华东大区 {month.isoformat()} 至 {last_day.isoformat()} 业绩分析报告"
    expect(page.locator(".page-header h1")).to_have_text(title)

    # The headline figures against last month, when nothing was sold.
    headlines = page.get_by_test_id("report-headlines")
    sales = headlines.locator("tbody tr").filter(has_text="销售额")
    expect(sales).to_contain_text("¥1,875.00")
    expect(sales).to_contain_text("¥0.00")
    expect(sales).to_contain_text("+¥1,875.00")
    expect(headlines.locator("tbody tr").filter(has_text="成交订单数")).to_contain_text("+3")
    # The main changes: the reps and customers whose sales moved most.
    drivers = page.get_by_test_id("report-drivers")
    reps = drivers.get_by_test_id("report-drivers-reps").locator("tbody tr")
    expect(reps).to_have_count(3)
    expect(reps.first).to_contain_text("李明")
    expect(reps.first).to_contain_text("+¥1,250.00")
    customers = drivers.get_by_test_id("report-drivers-customers").locator("tbody tr")
    expect(customers.first).to_contain_text("仁心大药房")
    expect(page.get_by_test_id("report-breakdown")).to_contain_text("上海一组")

    pdf_name, pdf = download_report(page, "report-download-pdf")
    assert pdf_name.endswith(".pdf") and pdf.startswith(b"%PDF")
    xlsx_name, xlsx = download_report(page, "report-download-xlsx")
    assert xlsx_name.endswith(".xlsx")
    assert load_workbook(BytesIO(xlsx)).worksheets[0].title == "概览"
    assert [(export.kind, export.format, export.params) for export in Export.objects.order_by("id")] == [
        ("performance_report", "pdf", {"report": report.id}),
        ("performance_report", "xlsx", {"report": report.id}),
    ]

    # On a phone the report reads without scrolling sideways.
    page.set_viewport_size({"width": 375, "height": 812})
    expect(page.get_by_test_id("report-drivers")).to_be_visible()
    assert not scrolls_sideways(page)
    page.set_viewport_size({"width": 1280, "height": 800})

    page.get_by_test_id("menu-statistics-reports").click()
    row = page.get_by_test_id("reports-table").locator("tbody tr").first
    expect(row).to_contain_text(title)
    expect(row).to_contain_text(f"{month.isoformat()} – {last_day.isoformat()}")
    expect(row).to_contain_text("王建国")


def test_a_rep_has_no_reports_to_write(page: Page, live_cast: DemoOrganisation) -> None:
    log_in(page, "rep_li", DEMO_PASSWORD)

    expect(page.get_by_test_id("menu-statistics-performance")).to_be_visible()
    expect(page.get_by_test_id("menu-statistics-customers")).to_be_visible()
    expect(page.get_by_test_id("menu-statistics-reports")).to_have_count(0)
    # Typing the address in leads back to the dashboard.
    page.goto("/statistics/reports")
    expect(page).not_to_have_url(re.compile(r"/statistics/reports"))
