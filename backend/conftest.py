"""The test cast: the demo organisation of `crm.accounts.demo`, built fresh for each test.

    康源医药 (company)            admin 系统管理员, executive 周志远
    ├── 华东大区 (department)     manager 王建国 (部门经理, department and below)
    │   ├── 上海一组 (group)      supervisor 陈静 (销售主管, group), reps 李明, 张伟
    │   └── 杭州组 (group)        rep 刘洋
    └── 客服部 (department)       after_sales 赵敏 (售后, all customers, masked)

Permission tests run as a matrix over `CAST_NAMES`.
"""

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from crm.accounts.demo import DEMO_PASSWORD, DemoOrganisation, build_demo_organisation
from crm.accounts.models import User

CAST_NAMES = ["admin", "executive", "manager", "supervisor", "rep_li", "rep_zhang", "rep_liu", "after_sales"]


@pytest.fixture(autouse=True, scope="session")
def _tasks_run_at_once() -> None:
    # Background tasks (the mall events' applier) run inside the request that enqueues
    # them, so a test sees their effect when the call returns.
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True


@pytest.fixture(autouse=True)
def _fast_hashing_and_clean_cache(settings: object) -> Iterator[None]:
    # Argon2 costs ~50 ms a hash by design; the tests hash hundreds of passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cast(db: None) -> DemoOrganisation:
    return build_demo_organisation()


@pytest.fixture
def password() -> str:
    return DEMO_PASSWORD


def client_for(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def as_person(cast: DemoOrganisation):  # type: ignore[no-untyped-def]
    """`as_person("manager")` is an API client logged in as that member of the cast."""

    def make(name: str) -> APIClient:
        return client_for(cast.people()[name])

    return make


@pytest.fixture
def book(cast: DemoOrganisation):  # type: ignore[no-untyped-def]
    """Five customers and their orders over the cast (crm.customers.tests.book)."""
    from crm.customers.tests.book import build_book

    return build_book(cast)
