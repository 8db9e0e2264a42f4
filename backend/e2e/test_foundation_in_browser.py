"""The platform foundation as people use it, in headless Chromium."""

import re

import pytest
from playwright.sync_api import Page, expect

from crm.accounts.demo import DEMO_PASSWORD
from crm.org.models import Department
from e2e.conftest import log_in, text_field

pytestmark = pytest.mark.browser

ADMIN_MENU = ["dashboard", "departments", "users", "roles", "dictionary", "parameters", "audit"]


def test_a_rep_sees_only_the_dashboard(page: Page, live_cast):
    log_in(page, "rep_li", DEMO_PASSWORD)
    expect(page.get_by_test_id("menu-dashboard")).to_be_visible()
    expect(page.get_by_text("李明").first).to_be_visible()
    for name in ADMIN_MENU[1:]:
        expect(page.get_by_test_id(f"menu-{name}")).to_have_count(0)
    # A route the role may not use is refused, not shown.
    page.goto("/org/departments")
    expect(page).not_to_have_url(re.compile(r"/org/departments"))


def test_an_admin_sees_every_menu_and_creates_a_department(page: Page, live_cast):
    log_in(page, "admin", DEMO_PASSWORD)
    for name in ADMIN_MENU:
        expect(page.get_by_test_id(f"menu-{name}")).to_be_visible()
    page.get_by_test_id("menu-departments").click()
    expect(page.get_by_test_id("departments-table")).to_be_visible()
    page.get_by_test_id("department-create").click()
    text_field(page, "department-name").fill("南京组")
    page.get_by_test_id("department-kind").click()
    page.get_by_role("option", name="销售组").click()
    page.get_by_test_id("department-parent").first.click()
    page.locator(".el-select-dropdown .el-tree-node__content").filter(has_text="华东大区").first.click()
    page.get_by_test_id("department-save").click()
    expect(page.get_by_test_id("departments-table").get_by_text("南京组")).to_be_visible()
    created = Department.objects.get(name="南京组")
    assert (created.kind, created.parent_id) == ("group", live_cast.east_region.id)


def test_a_locked_out_login_says_so(page: Page, live_cast):
    for attempt in range(5):
        log_in(page, "rep_zhang", f"Wrong#guess{attempt}")
        expect(page.get_by_test_id("login-error")).to_be_visible()
    expect(page.get_by_test_id("login-error")).to_contain_text("锁定")
    log_in(page, "rep_zhang", DEMO_PASSWORD)
    expect(page.get_by_test_id("login-error")).to_contain_text("锁定")


def test_a_phone_gets_the_menu_in_a_drawer(phone_page: Page, live_cast):
    log_in(phone_page, "manager", DEMO_PASSWORD)
    toggle = phone_page.get_by_test_id("menu-toggle")
    expect(toggle).to_be_visible()
    toggle.click()
    expect(phone_page.get_by_test_id("menu-departments")).to_be_visible()
    expect(phone_page.get_by_test_id("menu-roles")).to_have_count(0)
