"""Customer value over a period that is not one calendar month, quarter or year (decision
0007): each customer's purchases summed over the period's calendar pieces, its years,
quarters and months from their per-customer rows and the days around them from the
customer days, in one grouped query. A customer's own total over the period is what the
distinct customers, frequency bands and top customers need, and a year ending at a month's
end is six pieces to group instead of its 365 days."""

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.sql import Query

from crm.analytics.customer_rollups import CUSTOMER_PERIODS, FREQUENCY_BANDS
from crm.analytics.metrics import SecondsBetween, owned_now_q
from crm.analytics.models import CustomerSalesDay
from crm.analytics.rollup_sql import pages_read_once, union_all
from crm.core.money import money
from crm.core.periods import Grain, Period
from crm.core.scope import ResolvedScope

# The per-customer columns every piece answers, in this order.
COLUMNS = ("customer_id", "amount", "purchases", "first", "last")


def _pieces(
    period: Period, scope: ResolvedScope, customers: set[int] | None, with_owner: bool
) -> Iterator[QuerySet[Any]]:
    for grain, piece in period.calendar_pieces():
        if grain == Grain.DAY:
            rows: QuerySet[Any] = CustomerSalesDay.objects.filter(
                owned_now_q(scope), day__gte=piece.start, day__lt=piece.end
            )
        else:
            rows = CUSTOMER_PERIODS[grain].objects.filter(owned_now_q(scope), start=piece.start)
        if customers is not None:
            rows = rows.filter(customer_id__any_of=customers)
        owner = {"holder": F("owner_id")} if with_owner else {}
        yield rows.annotate(
            amount=F("sales_amount"),
            purchases=F("purchase_count"),
            first=F("first_paid_at"),
            last=F("last_paid_at"),
            **owner,
        ).values(*COLUMNS, *owner)


def grouped_sql(
    period: Period, scope: ResolvedScope, customers: set[int] | None = None, *, with_owner: bool = False
) -> tuple[str, list[Any]] | None:
    """One row per customer (COLUMNS) summed over the pieces, of these customers only if
    given, and with its current owner (`holder`) if asked; None when the scope sees no one."""
    pieces = union_all(_pieces(period, scope, customers, with_owner))
    if pieces is None:
        return None
    sql, parameters = pieces
    customer, amount, purchases, first, last = (connection.ops.quote_name(column) for column in COLUMNS)
    # Every piece has the customer's current owner: MAX picks the one value (null: the pool).
    holder = f", MAX({connection.ops.quote_name('holder')}) AS {connection.ops.quote_name('holder')}"
    return (
        f"SELECT {customer}, SUM({amount}) AS {amount}, SUM({purchases}) AS {purchases}, "
        f"MIN({first}) AS {first}, MAX({last}) AS {last}{holder if with_owner else ''} "
        f"FROM ({sql}) pieces GROUP BY {customer}",
        parameters,
    )


def _fetch(sql: str, parameters: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return cursor.fetchall()


def _moment(value: Any) -> datetime:
    """A payment time read by a raw cursor: SQLite answers text, which Django converts as
    its ORM would."""
    if isinstance(value, str):
        moment: datetime = connection.ops.convert_datetimefield_value(value, None, connection)  # type: ignore[attr-defined]
        return moment
    return value


def customer_rows(
    period: Period,
    scope: ResolvedScope,
    *,
    order_by: str | None = None,
    descending: bool = True,
    limit: int | None = None,
    customers: set[int] | None = None,
) -> list[dict[str, Any]]:
    """Per customer the viewer may see (of `customers` only, if given), its purchases over
    the period (COLUMNS); with `order_by` ("amount" or "purchases"), ordered by it (ties by
    customer) and cut at `limit`."""
    if customers is not None and not customers:
        return []
    grouped = grouped_sql(period, scope, customers)
    if grouped is None:
        return []
    sql, parameters = grouped
    if order_by:
        quote = connection.ops.quote_name
        sql += f" ORDER BY {quote(order_by)} {'DESC' if descending else 'ASC'}, {quote('customer_id')}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [_customer(row) for row in _fetch(sql, parameters)]


def cycle_sql() -> str:
    """A customer's purchase cycle in seconds, as SecondsBetween measures it in the rollups."""
    quote = connection.ops.quote_name
    seconds = SecondsBetween(RawSQL(quote("first"), []), RawSQL(quote("last"), []))
    sql, _ = Query(CustomerSalesDay).get_compiler(connection=connection).compile(seconds)  # the vendor's form
    return f"CASE WHEN {quote('purchases')} >= 2 THEN ({sql}) / ({quote('purchases')} - 1) END"


def _bands() -> list[tuple[str, int, int | None]]:
    return [(column, low, high) for _, low, high, column in FREQUENCY_BANDS if column]


def _totals_sql() -> str:
    """The aggregates over customer rows (COLUMNS) that `_totals` reads: customers, spend,
    purchases, the mean cycle in seconds and each frequency band's customers."""
    purchases = connection.ops.quote_name("purchases")
    in_band = [
        f"SUM(CASE WHEN {purchases} >= {low}{f' AND {purchases} <= {high}' if high else ''} THEN 1 ELSE 0 END)"
        for _, low, high in _bands()
    ]
    aggregates = ["COUNT(*)", f"SUM({connection.ops.quote_name('amount')})", f"SUM({purchases})", f"AVG({cycle_sql()})"]
    # Named, so that the totals can be a CTE's columns.
    return ", ".join(f"{sql} AS total_{number}" for number, sql in enumerate([*aggregates, *in_band]))


def _totals(row: tuple[Any, ...] | None) -> dict[str, Any]:
    """`_totals_sql`'s row (None: the scope sees no one) by name, each band by its summary column."""
    bands = _bands()
    if row is None:
        return {"customers": 0, "amount": None, "purchases": None, "cycle_seconds": None, **{c: 0 for c, _, _ in bands}}
    customers, amount, purchase_count, cycle_seconds, *band_counts = row
    return {
        "customers": customers,
        "amount": amount,
        "purchases": purchase_count,
        "cycle_seconds": cycle_seconds,
        **{column: count or 0 for (column, _, _), count in zip(bands, band_counts, strict=True)},
    }


def _customer(row: tuple[Any, ...]) -> dict[str, Any]:
    """A customer's row (COLUMNS) read by a raw cursor."""
    return {
        **dict(zip(COLUMNS, row, strict=True)),
        "amount": money(row[1]),
        "first": _moment(row[3]),
        "last": _moment(row[4]),
    }


def summed_totals(period: Period, scope: ResolvedScope) -> dict[str, Any]:
    """Customers, spend, purchases, the mean cycle in seconds and each frequency band's
    customers (by the band's summary column), over the customers' totals for the period."""
    grouped = grouped_sql(period, scope)
    if grouped is None:
        return _totals(None)
    sql, parameters = grouped
    return _totals(_fetch(f"SELECT {_totals_sql()} FROM ({sql}) customers", parameters)[0])


def summed_totals_and_top(
    period: Period, scope: ResolvedScope, limit: int
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """`summed_totals` and the first `limit` customers by spend (highest first, ties by
    customer) from one grouping of the customers' pieces, which is most of the cost of
    either for a narrow scope (a group's year: 57,000 piece rows of 19,500 customers)."""
    grouped = grouped_sql(period, scope)
    if grouped is None:
        return _totals(None), []
    sql, parameters = grouped
    quote = connection.ops.quote_name
    best_first = f"{quote('amount')} DESC, {quote('customer_id')}"
    columns = ", ".join(f"best.{quote(column)}" for column in COLUMNS)
    with pages_read_once():
        rows = _fetch(
            # Each row is the totals and one of the first customers; no customer, one row of totals.
            f"WITH customers AS ({sql}), totals AS (SELECT {_totals_sql()} FROM customers), "
            f"best AS (SELECT * FROM customers ORDER BY {best_first} LIMIT {int(limit)}) "
            f"SELECT totals.*, {columns} FROM totals LEFT JOIN best ON 1 = 1 "
            f"ORDER BY best.{quote('amount')} DESC, best.{quote('customer_id')}",
            parameters,
        )
    width = len(rows[0]) - len(COLUMNS)
    customers = [_customer(row[width:]) for row in rows if row[width] is not None]
    return _totals(rows[0][:width]), customers
