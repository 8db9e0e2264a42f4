import pytest

from crm.accounts.demo import DemoOrganisation
from crm.customers.tests.book import Book, build_book


@pytest.fixture
def book(cast: DemoOrganisation) -> Book:
    return build_book(cast)
