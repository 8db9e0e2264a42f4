"""Counting stops: at 10,000 rows for most lists, a few pages ahead for orders; a deep
page is read by its ids first."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from crm.core import pagination
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


def test_a_deep_page_is_read_by_its_ids_as_the_list_orders_it(book: Book, as_person, monkeypatch):
    # Every page from the second is "deep" here: read by its ids, then its rows.
    monkeypatch.setattr(pagination, "DEFERRED_FROM", 1)
    for person, path, table in [
        ("admin", "/api/v1/customers/", "customers_customer"),
        ("supervisor", "/api/v1/customers/", "customers_customer"),
        ("admin", "/api/v1/orders/", "commerce_order"),
    ]:
        client = as_person(person)
        whole = client.get(path, {"page_size": 50}).json()["results"]
        pages = len(whole)  # a row a page
        assert pages >= 2, (person, path)
        paged = []
        for number in range(1, pages + 1):
            with CaptureQueriesContext(connection) as queries:
                body = client.get(path, {"page_size": 1, "page": number})
            assert body.status_code == 200, body.json()
            paged += body.json()["results"]
            ids_first = f'SELECT "{table}"."id" AS "pk" FROM'
            assert any(query["sql"].startswith(ids_first) for query in queries.captured_queries) == (number > 1)
        assert paged == whole, (person, path)  # the same rows, in the same order, scoped alike
        assert client.get(path, {"page_size": 1, "page": pages + 1}).status_code == 404


def test_a_reps_order_list_is_merged_from_the_orders_of_their_customers_and_those_credited_to_them(
    book: Book, as_person
):
    # 刘洋 owns 转手药房 now: O5A is his as its owner's (credited to 李明), O5B as both.
    # 李明 keeps O5A as credited to him. Each page is merged from the two branches.
    expected = {"rep_liu": ["O5B", "O5A", "O3"], "rep_li": ["O5A", "O1"]}
    for person, numbers in expected.items():
        client = as_person(person)
        paged = []
        for number in range(1, len(numbers) + 1):
            with CaptureQueriesContext(connection) as queries:
                body = client.get("/api/v1/orders/", {"page_size": 1, "page": number}).json()
            paged += [row["mall_order_id"] for row in body["results"]]
            assert (body["count"], body["count_capped"]) == (len(numbers), False), person
            branches = [query["sql"] for query in queries.captured_queries if "ORDER BY" in query["sql"]]
            assert any('"customer_owner_id" = ' in sql for sql in branches), person
            assert any('"credited_rep_id" = ' in sql for sql in branches), person
        assert paged == numbers, person
        whole = client.get("/api/v1/orders/", {"ordering": "created_at"}).json()["results"]
        assert [row["mall_order_id"] for row in whole] == numbers[::-1], person
        assert client.get("/api/v1/orders/", {"page_size": 1, "page": len(numbers) + 1}).status_code == 404
    # The list's filters apply to each branch.
    since = {"created_since": "2026-02-05T00:00:00+08:00", "page_size": 1}
    filtered = as_person("rep_liu").get("/api/v1/orders/", since).json()
    assert [row["mall_order_id"] for row in filtered["results"]] == ["O5B"]
    assert (filtered["count"], filtered["count_capped"]) == (2, False)  # O5B, O5A
