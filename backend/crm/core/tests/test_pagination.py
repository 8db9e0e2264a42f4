"""Counting stops: at 10,000 rows for most lists, a few pages ahead for orders."""

from crm.core.pagination import COUNT_CAP, CountAheadPagination, PagePagination
from crm.customers.tests.book import Book


def test_the_order_list_counts_a_few_pages_ahead(book: Book, as_person, monkeypatch):
    monkeypatch.setattr(CountAheadPagination, "PAGES_AHEAD", 1)
    client = as_person("admin")

    first = client.get("/api/v1/orders/", {"page_size": 2}).json()
    third = client.get("/api/v1/orders/", {"page_size": 2, "page": 3}).json()

    assert (first["count"], first["count_capped"]) == (4, True)
    assert (third["count"], third["count_capped"]) == (6, False)
    assert [len(page["results"]) for page in (first, third)] == [2, 2]


def test_other_lists_count_up_to_the_cap(book: Book, as_person):
    assert PagePagination().count_cap(None) == COUNT_CAP == 10_000
    body = as_person("admin").get("/api/v1/customers/", {"page_size": 2}).json()
    assert (body["count"], body["count_capped"]) == (5, False)
