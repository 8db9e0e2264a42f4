"""A rep's and a supervisor's daily customer work in headless Chromium: logging a follow-up
from a phone, deciding on churn warnings, entering and importing customers, exporting a
list. The data is the customers' test book (crm/customers/tests/book.py)."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from crm.accounts.demo import DEMO_PASSWORD
from crm.analytics.models import Export
from crm.customers.models import ChurnCase, Contact, Customer, FollowUp
from crm.customers.services.churn import review_churn
from crm.customers.services.follow_ups import log_follow_up
from crm.customers.tests.book import at, build_book
from e2e.conftest import log_in, text_field

pytestmark = pytest.mark.browser

# On 2026-07-15 the book's February buyers are past the warning threshold (test_churn.py).
REVIEW_DAY = at("2026-07-15T01:30:00")


def text_area(page: Page, test_id: str) -> Locator:
    return page.locator(f"textarea[data-testid={test_id}], [data-testid={test_id}] textarea").first


def choose(page: Page, test_id: str, option: str) -> None:
    page.get_by_test_id(test_id).click()
    page.get_by_role("option", name=option, exact=True).click()


def open_menu(page: Page, name: str, phone: bool = False) -> None:
    if phone:
        page.get_by_test_id("menu-toggle").click()
    page.get_by_test_id(f"menu-{name}").click()


def test_a_rep_on_a_phone_logs_a_follow_up_from_the_due_list(phone_page: Page, live_cast):
    book = build_book(live_cast)
    log_follow_up(
        actor=live_cast.rep_li,
        customer=book.li_customer,
        type="visit",
        content="上门拜访，店长不在",
        followed_at=timezone.now() - timedelta(days=3),
        next_follow_up_on=timezone.localdate(),
    )
    log_in(phone_page, "rep_li", DEMO_PASSWORD)
    open_menu(phone_page, "follow-ups", phone=True)

    due = phone_page.get_by_test_id("follow-ups-due-table")
    expect(due.get_by_test_id("customer-link")).to_have_text(["仁心大药房"])
    due.get_by_test_id("customer-link").click()

    expect(phone_page).to_have_url(re.compile(rf"/customers/{book.li_customer.id}$"))
    history = phone_page.get_by_test_id("follow-ups-table")
    expect(history.locator("article")).to_have_count(1)
    phone_page.get_by_test_id("follow-up-open").click()
    phone_page.get_by_test_id("follow-up-type-phone").click()
    text_area(phone_page, "follow-up-content").fill("电话回访，下周补货阿莫西林")
    phone_page.get_by_test_id("follow-up-next-tomorrow").click()
    phone_page.get_by_test_id("follow-up-save").click()

    tomorrow = timezone.localdate() + timedelta(days=1)
    expect(phone_page.get_by_text(f"已记录对 仁心大药房 的跟进，{tomorrow.isoformat()} 再跟进")).to_be_visible()
    cards = history.locator("article")
    expect(cards).to_have_count(2)
    expect(cards.nth(0)).to_contain_text("电话回访，下周补货阿莫西林")
    expect(cards.nth(0)).to_contain_text("电话")
    expect(cards.nth(0)).to_contain_text(tomorrow.isoformat())
    logged = FollowUp.objects.get(customer=book.li_customer, type="phone")
    assert (logged.author, logged.next_follow_up_on) == (live_cast.rep_li, tomorrow)
    assert Customer.objects.get(id=book.li_customer.id).next_follow_up_on == tomorrow

    # Due tomorrow now: off today's list, on the log.
    open_menu(phone_page, "follow-ups", phone=True)
    expect(phone_page.get_by_text("今天没有待跟进的客户")).to_be_visible()
    phone_page.get_by_test_id("follow-ups-tab-log").click()
    expect(phone_page).to_have_url(re.compile(r"/customers/follow-ups/log$"))
    log = phone_page.get_by_test_id("follow-ups-table").locator("article")
    expect(log).to_have_count(2)
    expect(log.nth(0)).to_contain_text("仁心大药房")
    expect(log.nth(0)).to_contain_text("电话回访，下周补货阿莫西林")


def test_a_supervisor_confirms_a_loss_and_a_rep_defers_a_warning(page: Page, phone_page: Page, live_cast):
    book = build_book(live_cast)
    review_churn(now=REVIEW_DAY)

    log_in(page, "supervisor", DEMO_PASSWORD)
    open_menu(page, "churn")
    table = page.get_by_test_id("churn-table")
    expect(table.get_by_test_id("customer-link")).to_have_text(["仁心大药房", "康泰药店"])
    table.locator("tr", has_text="康泰药店").get_by_test_id("churn-confirm").click()
    choose(page, "confirm-reason", "转向竞争对手")
    text_area(page, "confirm-reason-text").fill("改从同城批发商进货")
    page.get_by_test_id("confirm-save").click()

    expect(page.get_by_text("已确认 康泰药店 流失")).to_be_visible()
    expect(table.get_by_test_id("customer-link")).to_have_text(["仁心大药房"])
    page.get_by_test_id("churn-tab-confirmed").click()
    expect(page).to_have_url(re.compile(r"status=confirmed"))
    row = table.locator("tr", has_text="康泰药店")
    expect(row).to_contain_text("转向竞争对手：改从同城批发商进货")
    expect(row).to_contain_text("陈静")
    case = ChurnCase.objects.get(customer=book.zhang_customer)
    assert (case.status, case.reason_code, case.decided_by) == ("confirmed", "competitor", live_cast.supervisor)

    # The rep, on a phone, defers his own warning; he may not confirm it.
    log_in(phone_page, "rep_li", DEMO_PASSWORD)
    open_menu(phone_page, "churn", phone=True)
    card = phone_page.get_by_test_id("churn-table").locator("article", has_text="仁心大药房")
    expect(card.get_by_test_id("churn-confirm")).to_have_count(0)
    card.get_by_test_id("churn-defer").click()
    until = timezone.localdate() + timedelta(days=30)
    text_field(phone_page, "defer-until").fill(until.isoformat())
    text_field(phone_page, "defer-until").press("Enter")
    text_area(phone_page, "defer-reason").fill("季节性采购，冬季回来")
    phone_page.get_by_test_id("defer-save").click()

    expect(phone_page.get_by_text(f"已将 仁心大药房 暂缓至 {until.isoformat()}")).to_be_visible()
    phone_page.get_by_test_id("churn-tab-deferred").click()
    deferred = phone_page.get_by_test_id("churn-table").locator("article", has_text="仁心大药房")
    expect(deferred).to_contain_text(f"暂缓至 {until.isoformat()}：季节性采购，冬季回来")
    deferred.get_by_test_id("churn-history").click()
    steps = phone_page.get_by_test_id("churn-steps").locator(".el-timeline-item")
    expect(steps).to_have_count(2)
    expect(steps.nth(0)).to_contain_text("进入流失预警")
    expect(steps.nth(1)).to_contain_text("暂缓流失")
    expect(steps.nth(1)).to_contain_text("李明")
    case = ChurnCase.objects.get(customer=book.li_customer)
    assert (case.status, case.deferred_until) == ("deferred", until)


def test_an_admin_exports_the_filtered_customer_list_to_excel(page: Page, live_cast, tmp_path: Path):
    build_book(live_cast)
    log_in(page, "admin", DEMO_PASSWORD)
    open_menu(page, "customers")
    text_field(page, "customer-search").fill("仁心")
    page.get_by_test_id("customer-filter-submit").click()
    expect(page.get_by_test_id("customers-table").get_by_test_id("customer-link")).to_have_count(1)

    page.get_by_test_id("export-open").click()
    page.get_by_test_id("export-xlsx").click()

    expect(page.get_by_test_id("export-progress")).to_have_attribute("aria-valuenow", "100")
    expect(page.get_by_test_id("export-status")).to_have_text("导出完成，共 1 行")
    with page.expect_download() as download_info:
        page.get_by_test_id("export-download").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes()[:2] == b"PK"  # an .xlsx is a zip
    export = Export.objects.get()
    assert (export.kind, export.format, export.params, export.total_rows) == (
        "customers",
        "xlsx",
        {"search": "仁心"},
        1,
    )


def test_a_rep_enters_a_prospect_after_a_duplicate_phone_and_adds_a_contact(page: Page, live_cast):
    build_book(live_cast)
    log_in(page, "rep_li", DEMO_PASSWORD)
    open_menu(page, "customers")
    page.get_by_test_id("customer-create").click()
    text_field(page, "customer-form-company_name").fill("新开大药房")
    text_field(page, "customer-form-contact_name").fill("王芳")
    text_field(page, "customer-form-phone").fill("13800138001")
    choose(page, "customer-form-pharmacy_type", "连锁药店")
    page.get_by_test_id("customer-form-save").click()

    error = page.locator(".el-form-item", has=page.get_by_test_id("customer-form-phone")).locator(
        ".el-form-item__error"
    )
    expect(error).to_have_text("该电话已属于客户 仁心大药房（李明）")
    assert not Customer.objects.filter(company_name="新开大药房").exists()

    text_field(page, "customer-form-phone").fill("13911112222")
    page.get_by_test_id("customer-form-save").click()

    expect(page.get_by_text("已录入客户 新开大药房")).to_be_visible()
    created = Customer.objects.get(company_name="新开大药房")
    assert (created.source, created.owner, created.pharmacy_type) == ("manual", live_cast.rep_li, "chain")
    expect(page).to_have_url(re.compile(rf"/customers/{created.id}$"))
    expect(page.get_by_test_id("customer-edit")).to_be_visible()

    page.get_by_test_id("customer-tab-contacts").click()
    page.get_by_test_id("contact-add").click()
    text_field(page, "contact-name").fill("赵采购")
    text_field(page, "contact-phone").fill("13922223333")
    page.get_by_test_id("contact-save").click()
    contacts = page.get_by_test_id("contacts-table")
    expect(contacts).to_contain_text("赵采购")
    expect(page.get_by_test_id("contact-row-phone")).to_have_text("139****3333")
    page.get_by_test_id("contact-row-reveal-phone").click()
    expect(page.get_by_test_id("contact-row-call")).to_have_attribute("href", "tel:13922223333")
    assert Contact.objects.get(customer=created).name == "赵采购"


def test_a_rep_checks_then_imports_a_spreadsheet(page: Page, live_cast, tmp_path: Path):
    build_book(live_cast)
    sheet = tmp_path / "客户.csv"
    sheet.write_text(
        "单位名称,药店类型,客户姓名,联系电话\n"
        "东方药房,单体药店,钱多多,13611110001\n"
        "重复药房,单体药店,孙重复,13800138001\n"
        ",单体药店,无名,13611110002\n",
        encoding="utf-8-sig",
    )
    log_in(page, "rep_li", DEMO_PASSWORD)
    open_menu(page, "customer-import")
    page.get_by_test_id("import-upload").locator("input[type=file]").set_input_files(str(sheet))
    page.get_by_test_id("import-check").click()

    results = page.get_by_test_id("import-results")
    expect(results.locator("tbody tr")).to_have_count(3)
    expect(results.locator("tr", has_text="重复药房")).to_contain_text("该电话已属于客户 仁心大药房（李明）")
    expect(results.locator("tbody tr").nth(2)).to_contain_text("单位名称：请填写单位名称")
    assert not Customer.objects.filter(company_name="东方药房").exists()

    page.get_by_test_id("import-run").click()

    expect(page.get_by_test_id("import-summary")).to_have_text("已导入 1 位客户，2 行有误未导入")
    expect(results.locator("tr", has_text="东方药房")).to_contain_text("已导入")
    assert Customer.objects.get(company_name="东方药房").source == "import"
