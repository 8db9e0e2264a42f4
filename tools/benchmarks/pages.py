"""The page-load benchmark: the production build of the SPA, served by the app (WhiteNoise
from frontend/dist), loaded cold in a real browser (Playwright driving Debian's Chromium)
— the login page, then as a logged-in person the dashboard, the customer list, one
customer's detail and 销售员业绩. DESIGN.md's budget: largest contentful paint ≤ 1.5 s on
localhost, initial JS ≤ 300 KB gzip.

Each load has a fresh browser context: the session cookie of one API login, an empty HTTP
cache. Its largest contentful paint is read once the page's own content is on screen and
the network is quiet; its JavaScript is what resource timing says the browser fetched.
Sizes "gzip" are of the bytes the app serves, compressed by Python's gzip at level 9.

    python -m tools.benchmarks.pages --crm-url http://127.0.0.1:8090 --out var/bench/pages.json
"""

import argparse
import gzip
import json
import statistics
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Request, ViewportSize, sync_playwright

from tools.benchmarks import machine

PASSWORD = "MallCrm#2026"
USERNAME = "supervisor"
REPEATS = 5
CHROMIUM = "/usr/bin/chromium"
# Headless Chromium as the benchmark and the end-to-end tests (backend/e2e) run it.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
LCP_BUDGET_MS = 1500
JS_BUDGET_BYTES = 300 * 1024

# Installed before the page's own scripts: every largest-contentful-paint candidate as it is
# reported, described while its element is still there (a loading placeholder is soon gone).
OBSERVE_LCP = """window.__largestContentfulPaint = null
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const element = entry.element
    const testid = element?.closest('[data-testid]')?.getAttribute('data-testid')
    const text = (element?.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40)
    window.__largestContentfulPaint = {
      ms: entry.startTime,
      element: element ? `${element.tagName.toLowerCase()}${testid ? ` in ${testid}` : ''}: ${text}` : '(gone)',
    }
  }
}).observe({ type: 'largest-contentful-paint', buffered: true })"""
# The last candidate, once a frame has passed since the content showed (the observer's
# callback follows the paint). On a busy machine the callback can come frames later (a
# login page once reported none after one frame), so it is waited for, up to 3 s; the
# figure is the paint's own time, not the time it was read.
READ_LCP = """() => new Promise((resolve) => {
  const started = performance.now()
  const check = () => requestAnimationFrame(() => setTimeout(() => {
    const found = window.__largestContentfulPaint
    if (found || performance.now() - started > 3000) resolve(found)
    else check()
  }))
  check()
})"""

READ_SCRIPTS = """() => performance.getEntriesByType('resource')
  .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
  .map((entry) => ({
    url: entry.name,
    transfer: entry.transferSize,
    encoded: entry.encodedBodySize,
    decoded: entry.decodedBodySize,
  }))"""


@dataclass(frozen=True)
class Screen:
    """A page of the SPA, and the elements that say its content is on screen."""

    path: str
    content: tuple[str, ...]
    logged_in: bool = True


def _screens(customer_id: int) -> dict[str, Screen]:
    return {
        "login": Screen("/login", ("[data-testid=login-submit]",), logged_in=False),
        # What a person in sales sees first: their figures.
        "dashboard": Screen("/", ("[data-testid=dashboard-figures]",)),
        "customer list": Screen("/customers", ("[data-testid=customers-table] [data-testid=customer-link]",)),
        "customer detail": Screen(f"/customers/{customer_id}", ("[data-testid=customer-status]",)),
        # The cards come with the figures; the canvas with ECharts, loaded with the first chart.
        "statistics: performance": Screen(
            "/statistics/performance",
            ("[data-testid=performance-cards] .figure-card", "[data-testid=performance-chart] canvas"),
        ),
    }


class _EntryScripts(HTMLParser):
    """The entry script and its modulepreloads, as index.html names them."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script" and attributes.get("type") == "module" and attributes.get("src"):
            self.paths.append(attributes["src"] or "")
        if tag == "link" and attributes.get("rel") == "modulepreload" and attributes.get("href"):
            self.paths.append(attributes["href"] or "")


def _fetch(url: str) -> bytes:
    # No Accept-Encoding: the file as built, whatever the server would compress.
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def _gzip_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=9, mtime=0))


def _initial_js(crm_url: str) -> dict[str, Any]:
    """What a first visit downloads before any page can render: the scripts of index.html
    (frontend/dist/index.html, as the app answers any page's address)."""
    index = _EntryScripts()
    index.feed(_fetch(f"{crm_url}/").decode())
    bodies = {path: _fetch(urllib.parse.urljoin(f"{crm_url}/", path)) for path in index.paths}
    files = {path: _gzip_size(body) for path, body in bodies.items()}
    return {
        "files": files,
        "gzip_bytes": sum(files.values()),
        "raw_bytes": sum(len(body) for body in bodies.values()),
    }


def _logged_in_state(browser: Browser, crm_url: str, username: str, password: str) -> tuple[Any, int]:
    """One login through the API, kept as the cookies each cold load starts from (the login
    throttle allows 30 a minute), and a customer this person may open."""
    context = browser.new_context(base_url=crm_url)
    try:
        context.request.get("/api/v1/auth/csrf")
        token = next(cookie["value"] for cookie in context.cookies() if cookie["name"] == "csrftoken")
        login = context.request.post(
            "/api/v1/auth/login",
            data={"username": username, "password": password},
            headers={"x-csrftoken": token, "referer": crm_url},
        )
        if not login.ok:
            raise RuntimeError(f"{username} cannot log in: {login.status} {login.text()}")
        customers = context.request.get("/api/v1/customers/", params={"page_size": 1}).json()["results"]
        if not customers:
            raise RuntimeError(f"{username} sees no customer: the detail page needs one")
        return context.storage_state(), customers[0]["id"]
    finally:
        context.close()


def _load(browser: Browser, crm_url: str, screen: Screen, state: Any) -> dict[str, Any]:
    """One cold load: a new context (empty cache), the page, its content, a quiet network."""
    context: BrowserContext = browser.new_context(
        base_url=crm_url,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        viewport=VIEWPORT,
        storage_state=state if screen.logged_in else None,
    )
    try:
        # Resource timing keeps 250 entries unless told otherwise; a page fetches dozens.
        context.add_init_script("performance.setResourceTimingBufferSize(2000)")
        context.add_init_script(OBSERVE_LCP)
        page = context.new_page()
        page.set_default_timeout(30_000)
        api_requests: list[str] = []

        def count(request: Request) -> None:
            if urllib.parse.urlsplit(request.url).path.startswith("/api/"):
                api_requests.append(request.url)

        page.on("request", count)
        page.goto(screen.path)
        for selector in screen.content:
            page.locator(selector).first.wait_for(state="visible")
        page.wait_for_load_state("networkidle")
        lcp = page.evaluate(READ_LCP)
        if lcp is None:
            raise RuntimeError(f"{screen.path}: the browser reported no largest contentful paint")
        scripts = page.evaluate(READ_SCRIPTS)
        return {"lcp_ms": lcp["ms"], "lcp_element": lcp["element"], "scripts": scripts, "api_requests": api_requests}
    finally:
        context.close()


def _page_result(screen: Screen, loads: list[dict[str, Any]], gzip_sizes: dict[str, int]) -> dict[str, Any]:
    lcps = [load["lcp_ms"] for load in loads]
    urls = sorted({script["url"] for load in loads for script in load["scripts"]})
    return {
        "path": screen.path,
        "lcp_ms": [round(value) for value in lcps],
        "lcp_p50_ms": round(statistics.median(lcps)),
        "lcp_max_ms": round(max(lcps)),
        "lcp_element": loads[-1]["lcp_element"],
        "js_files": [urllib.parse.urlsplit(url).path for url in urls],
        # Every cold load fetches the same files: the largest load's figures.
        "js_transferred_bytes": max(sum(script["transfer"] for script in load["scripts"]) for load in loads),
        "js_encoded_bytes": max(sum(script["encoded"] for script in load["scripts"]) for load in loads),
        "js_decoded_bytes": max(sum(script["decoded"] for script in load["scripts"]) for load in loads),
        "js_gzip_bytes": sum(gzip_sizes[url] for url in urls),
        "api_requests": max(len(load["api_requests"]) for load in loads),
    }


def _measure(browser: Browser, crm_url: str, username: str, password: str, repeats: int) -> dict[str, Any]:
    state, customer_id = _logged_in_state(browser, crm_url, username, password)
    screens = _screens(customer_id)
    for screen in screens.values():  # untimed: the app's workers and the disk's cache warm up
        _load(browser, crm_url, screen, state)
    loads = {
        label: [_load(browser, crm_url, screen, state) for _ in range(repeats)] for label, screen in screens.items()
    }
    urls = {script["url"] for runs in loads.values() for load in runs for script in load["scripts"]}
    gzip_sizes = {url: _gzip_size(_fetch(url)) for url in sorted(urls)}
    return {
        "user": username,
        "repeats": repeats,
        "browser": f"Chromium {browser.version}",
        "viewport": f"{VIEWPORT['width']}×{VIEWPORT['height']}",
        "initial_js": _initial_js(crm_url),
        "pages": {label: _page_result(screens[label], runs, gzip_sizes) for label, runs in loads.items()},
    }


def run(
    crm_url: str, username: str, password: str, repeats: int = REPEATS, *, browser: Browser | None = None
) -> dict[str, Any]:
    """Measures every page `repeats` times; in `browser` when given (a test's), else in a
    headless Chromium of its own."""
    crm_url = crm_url.rstrip("/")
    if browser is not None:
        return _measure(browser, crm_url, username, password, repeats)
    with sync_playwright() as playwright:
        own = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            return _measure(own, crm_url, username, password, repeats)
        finally:
            own.close()


def _kb(size: int) -> str:
    return f"{size / 1024:,.1f}"


def report_section(record: dict[str, Any]) -> list[str]:
    """docs/benchmarks.md's section: a row per page against the budgets."""
    initial = record["initial_js"]
    measured = f", measured {record['measured_at']}" if "measured_at" in record else ""
    compressed = any(page["js_encoded_bytes"] < page["js_decoded_bytes"] for page in record["pages"].values())
    lines = [
        "## Page load in the browser",
        "",
        f"The production build served by the app, each page loaded {record['repeats']} times cold (a new browser "
        f"context with the session cookie and an empty HTTP cache, after one untimed load) in headless "
        f"{record['browser']} at {record['viewport']}, as {record['user']}{measured}. Largest contentful paint is "
        f"read once the page's content is on screen and the network is quiet; JS fetched is every script the load "
        f"fetched (resource timing), gzip-compressed at level 9, and, in brackets, the bytes the browser received"
        + (
            ""
            if compressed
            else " (the app serves the scripts uncompressed: there are no .gz or .br files beside "
            "the build for WhiteNoise to send)"
        )
        + f". Budgets: LCP ≤ {LCP_BUDGET_MS / 1000:g} s on localhost, marked on the slowest load; initial JS ≤ "
        f"{JS_BUDGET_BYTES // 1024} KB gzip (DESIGN.md), held against each page's JS too." + machine.note(record),
        "",
        "| page | LCP p50 | LCP max | JS fetched (gzip KB) | API requests |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, page in record["pages"].items():
        lcp_mark = "✅" if page["lcp_max_ms"] <= LCP_BUDGET_MS else "❌"
        js_mark = "✅" if page["js_gzip_bytes"] <= JS_BUDGET_BYTES else "❌"
        lines.append(
            f"| {label} (`{page['path']}`) | {page['lcp_p50_ms']:,} ms | {page['lcp_max_ms']:,} ms {lcp_mark} | "
            f"{_kb(page['js_gzip_bytes'])} ({_kb(page['js_transferred_bytes'])} received) {js_mark} | "
            f"{page['api_requests']} |"
        )
    lines += [
        "",
        f"Initial JS (the entry script and the {len(initial['files']) - 1} modulepreloads index.html names, what a "
        f"first visit downloads before any page renders): {_kb(initial['gzip_bytes'])} KB gzip "
        f"({_kb(initial['raw_bytes'])} KB as built) "
        f"{'✅' if initial['gzip_bytes'] <= JS_BUDGET_BYTES else '❌'} (budget {JS_BUDGET_BYTES // 1024} KB).",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--crm-url", default="http://127.0.0.1:8090")
    parser.add_argument("--out", required=True)
    parser.add_argument("--username", default=USERNAME)
    parser.add_argument("--password", default=PASSWORD)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    arguments = parser.parse_args()
    result = run(arguments.crm_url, arguments.username, arguments.password, arguments.repeats)
    Path(arguments.out).parent.mkdir(parents=True, exist_ok=True)
    Path(arguments.out).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    print("\n".join(report_section(result)))


if __name__ == "__main__":
    main()
