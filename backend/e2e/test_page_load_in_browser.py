"""The page-load benchmark (tools/benchmarks/pages.py) run once against the live server, so
that it keeps working as the pages change: every page loaded to its content and measured,
and its report section written. The budgets are the benchmark's to judge
(docs/benchmarks.md), not a test's: no figure here is compared with a time.

The supervisor opens the pages; the customers are the test book's, two of them in their
group (仁心大药房 of 李明, 康泰药店 of 张伟, the newest id first in the list)."""

import pytest
from playwright.sync_api import Browser

from crm.accounts.demo import DEMO_PASSWORD
from crm.customers.tests.book import build_book
from tools.benchmarks import pages

pytestmark = pytest.mark.browser

PAGES = ["login", "dashboard", "customer list", "customer detail", "statistics: performance"]


def test_the_page_load_benchmark_measures_every_page_and_reports_it(browser: Browser, live_server, live_cast):
    book = build_book(live_cast)

    record = pages.run(str(live_server), "supervisor", DEMO_PASSWORD, repeats=1, browser=browser)

    assert record["user"] == "supervisor"
    assert record["repeats"] == 1
    assert record["browser"].startswith("Chromium ")
    assert list(record["pages"]) == PAGES
    assert [page["path"] for page in record["pages"].values()] == [
        "/login",
        "/",
        "/customers",
        f"/customers/{book.zhang_customer.id}",
        "/statistics/performance",
    ]
    initial = record["initial_js"]
    assert next(iter(initial["files"])).startswith("/assets/index-")  # the entry script, then its preloads
    assert initial["gzip_bytes"] == sum(initial["files"].values())
    assert 0 < initial["gzip_bytes"] < initial["raw_bytes"]
    for label, page in record["pages"].items():
        assert len(page["lcp_ms"]) == 1, label
        assert page["lcp_p50_ms"] == page["lcp_max_ms"] == page["lcp_ms"][0] > 0, label
        assert page["lcp_element"], label
        # Every page fetches what index.html names, then code of its own.
        assert set(initial["files"]) < set(page["js_files"]), label
        assert page["js_gzip_bytes"] > initial["gzip_bytes"], label
        assert page["js_decoded_bytes"] >= page["js_encoded_bytes"] > 0, label
        assert page["js_transferred_bytes"] > 0, label
        assert page["api_requests"] >= 1, label  # at least who is signed in
    # The chart of 销售员业绩 was drawn: ECharts came with the page.
    assert any("/EChart-" in path for path in record["pages"]["statistics: performance"]["js_files"])

    lines = pages.report_section(record)

    assert lines[0] == "## Page load in the browser"
    rows = [line for line in lines if line.startswith("| ") and not line.startswith(("| page ", "| ---"))]
    assert [row.split(" (`")[0].removeprefix("| ") for row in rows] == PAGES
    assert f"{initial['gzip_bytes'] / 1024:,.1f} KB gzip" in lines[-1]
