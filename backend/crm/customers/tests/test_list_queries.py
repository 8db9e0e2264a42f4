"""Every list answers in a number of queries that does not grow with its rows: no list
reads a row's relations one row at a time."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crm.customers.services.churn import review_churn
from crm.customers.services.contacts import create_contact
from crm.customers.services.follow_ups import log_follow_up
from crm.customers.tests.book import Book, _customer, _order, at

LISTS = [
    "/api/v1/customers/",
    "/api/v1/customer-pool/",
    "/api/v1/follow-ups/",
    "/api/v1/contacts/",
    "/api/v1/churn-cases/",
    "/api/v1/orders/",
    "/api/v1/notifications/",
]


def grow(cast, start: int, count: int) -> None:  # type: ignore[no-untyped-def]
    """More customers of 李明 (and of the pool), each with an order, a follow-up and a contact."""
    for number in range(start, start + count):
        invite = cast.rep_li.invite_code if number % 2 else None
        customer = _customer(number, f"测试药房{number}", f"1391000{number:04d}", invite)
        _order(str(number), customer, "2026-02-15T10:00:00", "125.00")
        if invite:
            log_follow_up(actor=cast.rep_li, customer=customer, type="visit", content="拜访")
            create_contact(actor=cast.rep_li, customer=customer, name=f"联系人{number}", phone=f"1382000{number:04d}")
    review_churn(now=at("2026-07-15T01:30:00"))


def queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("person", ["admin", "rep_li"])
def test_no_list_reads_row_by_row(book: Book, cast, as_person, person):
    client = as_person(person)
    grow(cast, 100, 4)
    for url in LISTS:  # parameters are cached after their first read
        client.get(url)
    few = {url: queries(client, url) for url in LISTS}
    grow(cast, 200, 12)
    many = {url: queries(client, url) for url in LISTS}
    assert many == few
