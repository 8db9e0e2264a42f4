"""The mall connector as an admin uses it, in headless Chromium: the sync health, the
quarantine, and correcting a rejected event until it is applied."""

import pytest
from playwright.sync_api import Page, expect

from crm.accounts.demo import DEMO_PASSWORD
from crm.commerce.models import Product
from crm.sync.tests.helpers import deliver
from e2e.conftest import log_in

pytestmark = pytest.mark.browser

BAD_PRODUCT = {
    "id": "evt_bad_price",
    "type": "product.upserted",
    "occurred_at": "2026-03-01T08:00:00+08:00",
    "data": {"product_id": "P00077", "name": "板蓝根颗粒", "spec": "10g*20袋", "unit": "包", "price": 15.5},
}


def test_an_admin_corrects_a_quarantined_event(page: Page, live_cast):
    deliver([BAD_PRODUCT])
    log_in(page, "admin", DEMO_PASSWORD)
    page.get_by_test_id("menu-sync").click()
    expect(page.get_by_test_id("sync-health")).to_be_visible()
    expect(page.get_by_test_id("sync-health-rejected")).to_contain_text("1")

    page.get_by_test_id("sync-tab-quarantine").click()
    table = page.get_by_test_id("sync-events-table")
    expect(table.get_by_text("evt_bad_price")).to_be_visible()
    table.get_by_test_id("sync-correct").first.click()
    editor = page.locator(
        "[data-testid=sync-correction-json] textarea, textarea[data-testid=sync-correction-json]"
    ).first
    editor.fill(editor.input_value().replace('"price": 15.5', '"price": "15.50"'))
    page.get_by_test_id("sync-correction-save").click()

    expect(page.get_by_text("已修正事件 evt_bad_price")).to_be_visible()
    assert str(Product.objects.get(mall_product_id="P00077").price) == "15.50"


def test_a_supervisor_has_no_sync_menu(page: Page, live_cast):
    log_in(page, "supervisor", DEMO_PASSWORD)
    expect(page.get_by_test_id("menu-dashboard")).to_be_visible()
    expect(page.get_by_test_id("menu-sync")).to_have_count(0)
