"""A rollup written anew by a rebuild: the new rows replace the old ones, the table keeps its
keys, indexes and identity under their names, and a failure leaves the old rows in place.
A read by bitmap changes the planner's setting for its own block only."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count, DecimalField, F, IntegerField, Value

from crm.analytics.models import CustomerDevelopment, SalesDay, SalesMonth
from crm.analytics.rollup_sql import delete_rows, insert_grouped, pages_read_once, written_anew

DAY = date(2026, 3, 2)


def _sales_day(amount: str) -> SalesDay:
    return _sales(SalesDay, day=DAY, amount=amount)


def _sales(model, *, amount: str, **when):  # type: ignore[no-untyped-def]
    return model.objects.create(
        **when,
        order_count=1,
        pending_payment_count=0,
        paid_count=1,
        shipped_count=0,
        completed_count=0,
        cancelled_count=0,
        sales_amount=Decimal(amount),
        sales_order_count=1,
    )


def _structure(table: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    """A PostgreSQL table's indexes, constraints and identity sequences, by name."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s ORDER BY 1", [table])
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass ORDER BY 1",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT attname, pg_get_serial_sequence(%s, attname) FROM pg_attribute "
            "WHERE attrelid = %s::regclass AND attidentity <> '' ORDER BY 1",
            [table, table],
        )
        return indexes, constraints, cursor.fetchall()


def _rewrite_with(amount: str) -> None:
    """SalesDay written anew with one row of this amount (copied from a row of the old)."""
    with written_anew(SalesDay):
        delete_rows(SalesDay.objects.all())  # a table written anew has no rows to delete
        insert_grouped(SalesDay, _one_row_per_day(amount), {"day": "day", **{name: name for name in _columns(amount)}})


def _one_row_per_day(amount: str):  # type: ignore[no-untyped-def]
    """One row for each month of SalesMonth, on its first day, with this amount."""
    constants = {name: _constant(value) for name, value in _columns(amount).items()}
    return SalesMonth.objects.annotate(day=F("month")).values("day").annotate(rows=Count("id"), **constants)


def _columns(amount: str) -> dict[str, object]:
    counts = ["order_count", "pending_payment_count", "paid_count", "shipped_count", "completed_count"]
    return {
        **dict.fromkeys(counts, 1),
        "cancelled_count": 0,
        "sales_amount": Decimal(amount),
        "sales_order_count": 1,
    }


def _constant(value: object) -> Value:
    if isinstance(value, Decimal):
        return Value(value, output_field=DecimalField(max_digits=16, decimal_places=2))
    return Value(value, output_field=IntegerField())


@pytest.mark.django_db
def test_a_rollup_written_anew_holds_the_new_rows_only_and_takes_more() -> None:
    _sales(SalesMonth, month=DAY, amount="35.00")
    _sales_day("10.00")
    _sales_day("20.00")
    structure = _structure(SalesDay._meta.db_table) if connection.vendor == "postgresql" else None

    _rewrite_with("35.50")

    assert list(SalesDay.objects.values_list("day", "sales_amount")) == [(DAY, Decimal("35.50"))]
    later = _sales_day("1.00")  # the identity goes on numbering rows
    assert later.id is not None and SalesDay.objects.count() == 2
    if structure is not None:
        assert _structure(SalesDay._meta.db_table) == structure


@pytest.mark.django_db
def test_a_rebuild_that_fails_leaves_the_old_rows() -> None:
    _sales(SalesMonth, month=DAY, amount="35.00")
    _sales_day("10.00")
    with pytest.raises(RuntimeError), written_anew(SalesDay):
        insert_grouped(SalesDay, _one_row_per_day("1.00"), {"day": "day", **{name: name for name in _columns("1")}})
        raise RuntimeError("the rebuild stopped half way")
    assert list(SalesDay.objects.values_list("sales_amount", flat=True)) == [Decimal("10.00")]


@pytest.mark.django_db
def test_a_table_keyed_by_its_customer_keeps_its_key() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the copy and swap are PostgreSQL's; elsewhere rows are deleted in place")
    structure = _structure(CustomerDevelopment._meta.db_table)
    with written_anew(CustomerDevelopment):
        pass
    assert _structure(CustomerDevelopment._meta.db_table) == structure
    assert not CustomerDevelopment.objects.exists()


def _index_scans() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_indexscan')")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_pages_read_once_leaves_the_callers_transaction_as_it_was() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL planner setting")
    # The test runs inside a transaction, as a caller's reading would.
    with pages_read_once():
        assert _index_scans() == "off"
    assert _index_scans() == "on"
    with pytest.raises(RuntimeError), pages_read_once():
        raise RuntimeError("the reading failed")
    assert _index_scans() == "on"
