"""Customers and orders as reps and supervisors use them, in headless Chromium: finding a
customer by phone and calling, claiming from the pool, reassigning, reading an order, and
the notification bell. The data is the customers' test book (crm/customers/tests/book.py)."""

import re

import pytest
from playwright.sync_api import Page, expect

from crm.accounts.demo import DEMO_PASSWORD
from crm.audit.models import AuditEvent
from crm.customers.models import Customer, Ownership
from crm.customers.services.ownership import assign_customers
from crm.customers.tests.book import build_book
from e2e.conftest import log_in, text_field

pytestmark = pytest.mark.browser


def choose(page: Page, test_id: str, option: str, typed: str | None = None) -> None:
    """Pick an option of an Element Plus select, typing first into a searching one."""
    page.get_by_test_id(test_id).click()
    if typed is not None:
        page.get_by_test_id(test_id).locator("input").fill(typed)
    page.get_by_role("option", name=option, exact=True).click()


def test_a_rep_on_a_phone_finds_a_customer_by_phone_and_calls(phone_page: Page, live_cast):
    book = build_book(live_cast)
    log_in(phone_page, "rep_li", DEMO_PASSWORD)
    phone_page.get_by_test_id("menu-toggle").click()
    phone_page.get_by_test_id("menu-customers").click()

    text_field(phone_page, "customer-search").fill("138 0013 8001")
    phone_page.get_by_test_id("customer-filter-submit").click()
    expect(phone_page).to_have_url(re.compile(r"search=138"))
    found = phone_page.get_by_test_id("customers-table").get_by_test_id("customer-link")
    expect(found).to_have_count(1)
    expect(found).to_have_text("仁心大药房")
    found.click()

    expect(phone_page).to_have_url(re.compile(rf"/customers/{book.li_customer.id}$"))
    expect(phone_page.get_by_test_id("customer-phone")).to_have_text("138****8001")
    expect(phone_page.get_by_test_id("customer-call")).to_have_count(0)
    phone_page.get_by_test_id("customer-reveal-phone").click()
    expect(phone_page.get_by_test_id("customer-phone")).to_have_text("13800138001")
    expect(phone_page.get_by_test_id("customer-call")).to_have_attribute("href", "tel:13800138001")
    assert AuditEvent.objects.filter(
        action="customer_field_revealed", actor=live_cast.rep_li, target_id=str(book.li_customer.id)
    ).exists()


def test_a_rep_claims_a_customer_from_the_pool(page: Page, live_cast):
    book = build_book(live_cast)
    log_in(page, "rep_zhang", DEMO_PASSWORD)
    page.get_by_test_id("menu-customer-pool").click()
    table = page.get_by_test_id("pool-table")
    row = table.locator("tr", has_text="公海药店")
    expect(row).to_have_count(1)

    row.get_by_test_id("pool-claim").click()

    expect(page.get_by_text("已领取 公海药店，已加入我的客户")).to_be_visible()
    expect(table.get_by_text("公海药店")).to_have_count(0)
    assert Customer.objects.get(id=book.pool_customer.id).owner_id == live_cast.rep_zhang.id


def test_a_supervisor_reassigns_two_customers_and_reads_the_timeline(page: Page, live_cast):
    book = build_book(live_cast)
    log_in(page, "supervisor", DEMO_PASSWORD)
    page.get_by_test_id("menu-customers").click()
    table = page.get_by_test_id("customers-table")
    for name in ("仁心大药房", "康泰药店"):
        table.locator("tr", has_text=name).locator(".el-checkbox").click()
    expect(page.get_by_test_id("customer-assign")).to_contain_text("2")
    page.get_by_test_id("customer-assign").click()

    choose(page, "assign-owner", "张伟（rep_zhang）", typed="张伟")
    choose(page, "assign-reason", "工作量平衡")
    page.locator("textarea[data-testid=assign-reason-text], [data-testid=assign-reason-text] textarea").first.fill(
        "浦东客户集中给一人"
    )
    page.get_by_test_id("assign-save").click()

    expect(page.get_by_text("已将 1 位客户调整给 张伟，1 位原本就归属 张伟")).to_be_visible()
    assert Customer.objects.get(id=book.li_customer.id).owner_id == live_cast.rep_zhang.id

    table.locator("tr", has_text="仁心大药房").get_by_test_id("customer-link").click()
    page.get_by_test_id("customer-tab-ownerships").click()
    timeline = page.get_by_test_id("ownership-timeline")
    items = timeline.locator(".el-timeline-item")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("张伟")
    expect(items.nth(0)).to_contain_text("工作量平衡：浦东客户集中给一人")
    expect(items.nth(0)).to_contain_text("陈静")
    expect(items.nth(1)).to_contain_text("李明")
    expect(items.nth(1)).to_contain_text("邀请码绑定")
    assert Ownership.objects.filter(customer=book.li_customer).count() == 2


def test_a_rep_opens_an_order_with_its_items_and_timeline(page: Page, live_cast):
    book = build_book(live_cast)
    log_in(page, "rep_li", DEMO_PASSWORD)
    page.get_by_test_id("menu-orders").click()
    table = page.get_by_test_id("orders-table")
    # 李明's own customer's order, and the order credited to him before 转手药房 moved.
    expect(table.get_by_test_id("order-link")).to_have_count(2)
    expect(page.get_by_test_id("order-summary")).to_contain_text("共 2 单，金额 ¥750.00")

    table.get_by_role("link", name="O1", exact=True).click()

    expect(page).to_have_url(re.compile(rf"/orders/{book.orders['1'].id}$"))
    items = page.get_by_test_id("order-items")
    expect(items).to_contain_text("阿莫西林胶囊")
    expect(items).to_contain_text("0.25g×24粒")
    expect(items).to_contain_text("¥125.00")
    steps = page.get_by_test_id("order-timeline").locator(".el-timeline-item")
    expect(steps).to_have_count(2)
    expect(steps.nth(0)).to_contain_text("生成订单")
    expect(steps.nth(0)).to_contain_text("2026-02-01 10:00")
    expect(steps.nth(1)).to_contain_text("付款")
    expect(steps.nth(1)).to_contain_text("2026-02-01 12:00")
    expect(page.get_by_test_id("order-customer-link")).to_have_text("仁心大药房")


def test_the_bell_tells_a_rep_of_customers_given_to_them(page: Page, live_cast):
    book = build_book(live_cast)
    assign_customers(
        actor=live_cast.supervisor,
        customers=[book.li_customer],
        owner=live_cast.rep_zhang,
        reason_code="workload_balance",
    )
    log_in(page, "rep_zhang", DEMO_PASSWORD)
    expect(page.get_by_test_id("notifications-count")).to_have_text("1")

    page.get_by_test_id("notifications-bell").click()
    item = page.get_by_test_id("notification-item")
    expect(item).to_contain_text("陈静 将 1 位客户分配给您")
    item.click()

    # One customer given: the notification opens that customer.
    expect(page).to_have_url(re.compile(rf"/customers/{book.li_customer.id}$"))
    expect(page.get_by_text("仁心大药房").first).to_be_visible()
    expect(page.get_by_test_id("notifications-count")).to_have_text("")
