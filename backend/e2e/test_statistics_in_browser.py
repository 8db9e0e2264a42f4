"""The statistics as sales people read them, in headless Chromium: a rep's 工作台 figures on
a phone, a department manager comparing the sales groups. The customers are the test book's
(crm/customers/tests/book.py); the orders are placed today, after the cast joined their
groups, so they are credited to the reps' groups too, and the rollups are refreshed before
the page loads, as the minutely task would."""

import re
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from crm.accounts.demo import DEMO_PASSWORD
from crm.analytics.models import Export
from crm.analytics.rollups import refresh_changed_days
from crm.commerce.models import Order
from crm.commerce.services import record_order, record_status_change
from crm.customers.models import Customer
from crm.customers.tests.book import build_book
from e2e.conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def shanghai_page(browser: Browser, live_server: object) -> Iterator[Page]:
    """A desktop browser in the users' time zone (Asia/Shanghai), as they read the pages: the
    presets count from the business day wherever the browser is (the test abroad below)."""
    context = browser.new_context(
        base_url=str(live_server), locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1280, "height": 800}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def order_today(number: str, customer: Customer, amount: str, paid: bool = True) -> Order:
    """An order the mall placed just now, paid at once unless said otherwise."""
    placed = timezone.now()
    order, _created = record_order(
        mall_order_id=f"T{number}",
        customer=customer,
        created_at=placed,
        status="pending_payment",
        payment_method="online",
        items=[],
        discount_amount=Decimal("0.00"),
        freight_amount=Decimal("0.00"),
        total_amount=Decimal(amount),
    )
    if paid:
        record_status_change(order=order, status="paid", changed_at=placed, payment_method="online")
    return order


def scrolls_sideways(page: Page) -> bool:
    """Whether the page, or the shell's main area that scrolls it, is wider than the screen."""
    return bool(
        page.evaluate(
            """() => [document.documentElement, document.querySelector('.shell-main')]
                .some((element) => element && element.scrollWidth > element.clientWidth)"""
        )
    )


def test_a_rep_on_a_phone_reads_the_dashboard_figures_without_scrolling_sideways(phone_page: Page, live_cast):
    book = build_book(live_cast)
    order_today("1", book.li_customer, "1250.00")
    order_today("2", book.li_customer, "80.00", paid=False)
    order_today("3", book.zhang_customer, "400.00")
    refresh_changed_days()
    phone_page.set_viewport_size({"width": 375, "height": 812})

    log_in(phone_page, "rep_li", DEMO_PASSWORD)

    figures = phone_page.get_by_test_id("dashboard-figures")
    expect(figures).to_be_visible()
    expect(phone_page.get_by_test_id("dashboard-figure-today")).to_contain_text("¥1,250.00")
    expect(phone_page.get_by_test_id("dashboard-figure-today")).to_contain_text("今日成交 1 单")
    expect(phone_page.get_by_test_id("dashboard-figure-month")).to_contain_text("¥1,250.00")
    orders = phone_page.get_by_test_id("dashboard-figure-orders")
    expect(orders).to_contain_text("待付款 1")
    expect(orders).to_contain_text("已付款 1")
    expect(phone_page.get_by_test_id("dashboard-figure-development")).to_contain_text("转化率 —")
    # 李明 1,250 ahead of 张伟 400 and 陈静, who sold nothing: a place, not their figures.
    expect(phone_page.get_by_test_id("dashboard-figure-rank")).to_contain_text("上海一组 第 1 / 3 名")
    expect(phone_page.get_by_test_id("dashboard-figure-churn")).to_contain_text("0")
    expect(phone_page.get_by_test_id("dashboard-figure-follow-ups")).to_contain_text("0")
    expect(phone_page.get_by_test_id("dashboard-people")).to_have_count(0)
    assert not scrolls_sideways(phone_page)
    # Two cards a row: the today card sits beside the next one, inside the screen.
    box = figures.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375

    phone_page.get_by_test_id("dashboard-figure-churn").click()
    expect(phone_page).to_have_url(re.compile(r"/customers/churn$"))


def test_a_manager_compares_the_sales_groups_and_exports_them(shanghai_page: Page, live_cast):
    page = shanghai_page
    book = build_book(live_cast)
    order_today("1", book.li_customer, "1250.00")
    order_today("2", book.zhang_customer, "250.00")
    order_today("3", book.liu_customer, "375.00")
    refresh_changed_days()

    log_in(page, "manager", DEMO_PASSWORD)
    page.get_by_test_id("menu-statistics-breakdown").click()

    table = page.get_by_test_id("breakdown-table")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator("tbody tr").first).to_contain_text("华东大区")
    expect(table.locator("tbody tr").first).to_contain_text("¥1,875.00")

    page.get_by_test_id("breakdown-by").get_by_text("销售组").click()

    expect(page).to_have_url(re.compile(r"/statistics/breakdown\?by=group$"))
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("上海一组")
    expect(rows.nth(0)).to_contain_text("¥1,500.00")
    expect(rows.nth(1)).to_contain_text("杭州组")
    expect(rows.nth(1)).to_contain_text("¥375.00")
    chart = page.get_by_test_id("breakdown-chart")
    expect(chart.locator("canvas")).to_have_count(1)

    # The same numbers as a table, beside the chart.
    chart.get_by_test_id("chart-table-toggle").get_by_text("表格").click()
    expect(chart.locator("tbody tr")).to_have_count(2)
    expect(chart.locator("tbody tr").nth(0)).to_contain_text("上海一组")
    expect(chart.locator("tbody tr").nth(0)).to_contain_text("¥1,500.00")

    # 导出 gives the file of what the page shows: the same query, the requester's scope.
    page.get_by_test_id("export-open").click()
    page.get_by_test_id("export-xlsx").click()
    expect(page.get_by_test_id("export-status")).to_have_text("导出完成，共 2 行")
    export = Export.objects.get()
    month = timezone.localdate().replace(day=1)
    next_month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    assert (export.kind, export.requester, export.params) == (
        "statistics_breakdown",
        live_cast.manager,
        {"start": month.isoformat(), "end": next_month.isoformat(), "grain": "month", "by": "group"},
    )


def test_a_manager_reads_the_customers_value_and_churn(shanghai_page: Page, live_cast):
    page = shanghai_page
    book = build_book(live_cast)
    order_today("1", book.li_customer, "1250.00")
    order_today("2", book.zhang_customer, "250.00")
    order_today("3", book.liu_customer, "375.00")
    refresh_changed_days()

    log_in(page, "manager", DEMO_PASSWORD)
    page.get_by_test_id("menu-statistics-customers").click()
    # 客户价值 opens on the last twelve months; this month holds only today's orders.
    picker = page.get_by_test_id("statistics-period")
    expect(picker.locator(".period-preset")).to_contain_text("近12个月")
    picker.locator(".period-preset").click()
    page.locator(".el-select-dropdown__item:visible", has_text=re.compile(r"^本月$")).click()
    expect(page).to_have_url(re.compile(r"period=this_month"))

    expect(page.get_by_test_id("customer-value-cards-purchasing_customers")).to_contain_text("3")
    expect(page.get_by_test_id("customer-value-cards-sales_amount")).to_contain_text("¥1,875.00")
    rows = page.get_by_test_id("top-customers-table").locator("tbody tr")
    expect(rows.first).to_contain_text("仁心大药房")
    expect(rows.first).to_contain_text("¥1,250.00")
    # The composition (the customers in scope, bought or not: the pool's is not) names
    # pharmacy types as the dictionary does.
    composition = page.get_by_test_id("customer-composition-pharmacy-type")
    composition.get_by_test_id("chart-table-toggle").get_by_text("表格").click()
    expect(composition.locator("tbody tr").first).to_have_text(re.compile(r"单体药店\s*4"))

    # A click on the row (not on the name, which opens the customer) draws its spend.
    rows.first.locator("td").nth(3).click()
    expect(page).to_have_url(re.compile(rf"customer={book.li_customer.id}"))
    expect(page.get_by_test_id("customer-spend-chart")).to_contain_text("仁心大药房 消费趋势")
    expect(page.get_by_test_id("customer-spend-chart").locator("canvas")).to_have_count(1)
    rows.first.get_by_test_id("customer-link").click()
    expect(page).to_have_url(re.compile(rf"/customers/{book.li_customer.id}$"))

    page.get_by_test_id("menu-statistics-churn").click()
    expect(page.get_by_test_id("churn-cards-window_days")).to_contain_text("180 天")
    expect(page.get_by_test_id("churn-cards-registered")).to_contain_text("3")
    expect(page.get_by_test_id("churn-chart").locator("canvas")).to_have_count(1)
    expect(page.get_by_test_id("churn-reasons")).to_contain_text("该区间没有确认流失的客户")
    page.get_by_test_id("churn-lost-customers").click()
    expect(page).to_have_url(re.compile(r"/customers\?status=lost$"))


def test_a_browser_abroad_asks_for_the_presets_from_the_business_day(browser: Browser, live_server, live_cast):
    """At 01:00 in Shanghai on 8 December the browser on UTC still reads the 7th; 近12个月
    runs to tomorrow in Shanghai, as the server and its held window rows count it."""
    context = browser.new_context(base_url=str(live_server), locale="zh-CN", timezone_id="UTC")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, "manager", DEMO_PASSWORD)
        expect(page.get_by_test_id("app-menu")).to_be_visible()
        page.clock.set_fixed_time("2026-12-07T17:00:00Z")
        with page.expect_request(re.compile(r"/api/v1/statistics/products\?")) as asked:
            page.goto("/statistics/products?period=last_12_months")
        assert "start=2025-12-09" in asked.value.url, asked.value.url
        assert "end=2026-12-09" in asked.value.url, asked.value.url
    finally:
        context.close()


def test_an_admin_follows_a_best_sellers_trend(page: Page, live_cast):
    build_book(live_cast)
    refresh_changed_days()

    log_in(page, "admin", DEMO_PASSWORD)
    expect(page.get_by_test_id("app-menu")).to_be_visible()
    page.goto("/statistics/products?period=custom&start=2026-02-01&end=2026-05-01&grain=month")

    best = page.get_by_test_id("products-best-table").locator("tbody tr")
    expect(best).to_have_count(1)
    expect(best.first).to_contain_text("阿莫西林胶囊")
    expect(best.first).to_contain_text("¥2,625.00")
    expect(page.get_by_test_id("products-totals-quantity")).to_contain_text("210")
    expect(page.get_by_test_id("product-trend-chart")).to_have_count(0)

    best.first.click()
    expect(page).to_have_url(re.compile(r"product=\d+"))
    trend = page.get_by_test_id("product-trend-chart")
    expect(trend.locator("canvas")).to_have_count(1)
    trend.get_by_test_id("chart-table-toggle").get_by_text("表格").click()
    expect(trend.locator("tbody tr")).to_have_count(3)
    expect(trend.locator("tbody tr").first).to_contain_text("2026-02")

    page.get_by_test_id("products-by").get_by_text("产品类别").click()
    expect(page).to_have_url(re.compile(r"by=category"))
    expect(page.get_by_test_id("product-trend-chart")).to_have_count(0)
