"""Each order carries its customer's owner now (decision 0010): written with the order,
moved with the customer (crm.customers.tests.test_ownership), and filled by the migration
that added it, on both databases."""

from importlib import import_module

from django.apps import apps
from django.db import connection

from crm.commerce.models import Order
from crm.customers.tests.book import Book

fill = import_module("crm.commerce.migrations.0004_order_carries_customer_owner").fill


def copies() -> dict[str, int | None]:
    return dict(Order.objects.values_list("mall_order_id", "customer_owner_id"))


def test_an_order_is_recorded_with_its_customers_owner_now(book: Book, cast):
    # 转手药房's first order was credited to 李明 before it moved; it is 刘洋's to see now.
    assert copies() == {
        "O1": cast.rep_li.id,
        "O2": cast.rep_zhang.id,
        "O3": cast.rep_liu.id,
        "O4": None,
        "O5A": cast.rep_liu.id,
        "O5B": cast.rep_liu.id,
    }


def test_the_migration_fills_every_order_from_its_customer(book: Book):
    expected = copies()
    Order.objects.update(customer_owner=None)
    # Not entered as a context: SQLite's refuses to be inside the test's transaction, and
    # the fill runs only statements of data.
    fill(apps, connection.schema_editor())
    assert copies() == expected
