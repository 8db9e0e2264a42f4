"""End-to-end tests in a real headless Chromium (Debian's package, `make browser`),
driving the built SPA served by a live Django server."""

import os
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, sync_playwright

from crm.accounts.defaults import create_missing_default_roles
from crm.accounts.demo import DemoOrganisation, build_demo_organisation
from crm.accounts.models import Role
from crm.dictionary.catalogue import create_missing_default_entries
from crm.dictionary.models import DictionaryEntry
from tools.benchmarks.pages import CHROMIUM_FLAGS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing: run `make browser` (make test does)")
    # Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
    # make there are ordinary blocking calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(autouse=True)
def _files_in_a_temporary_folder(settings: object, tmp_path: object) -> None:
    # Exports written by the browser tests go to the test's folder, not var/media.
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


@pytest.fixture
def live_cast(transactional_db: None) -> DemoOrganisation:
    # The live server needs committed rows, and each transactional test ends by emptying
    # every table, including what the data migrations loaded: load it again first.
    create_missing_default_roles(Role)
    create_missing_default_entries(DictionaryEntry)
    return build_demo_organisation()


@pytest.fixture
def page(browser: Browser, live_server: object) -> Iterator[Page]:
    context = browser.new_context(base_url=str(live_server), locale="zh-CN", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: Browser, live_server: object) -> Iterator[Page]:
    context = browser.new_context(
        base_url=str(live_server),
        locale="zh-CN",
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def text_field(page: Page, test_id: str) -> Locator:
    """The <input> of a form field, whether the test id sits on it or on its wrapper."""
    return page.locator(f"input[data-testid={test_id}], [data-testid={test_id}] input").first


def log_in(page: Page, username: str, password: str) -> None:
    page.goto("/login")
    text_field(page, "login-username").fill(username)
    text_field(page, "login-password").fill(password)
    page.get_by_test_id("login-submit").click()
