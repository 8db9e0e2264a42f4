"""The one way rollups are written: INSERT … SELECT of a grouped query, so that a day and
all time are summarised by the same SQL on PostgreSQL and SQLite; and, for a rebuild,
whole rollups written anew beside the old ones and swapped in."""

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, connections, transaction
from django.db.models import F, Model, QuerySet

# Each statement of a rebuild or pass, with its table, rows and seconds (`rebuild_statistics -v 2`).
logger = logging.getLogger(__name__)

# The tables being written anew (rollup table → its new copy), while `written_anew` runs.
_NEW_COPIES: ContextVar[dict[str, str] | None] = ContextVar("rollup_new_copies", default=None)


def insert_grouped(
    model: type[Model], queryset: QuerySet[Any], columns: dict[str, str], *, clustered_by: list[str] | None = None
) -> None:
    """INSERT INTO the rollup (its columns) SELECT the aliases of a grouped query; with
    `clustered_by` (aliases), in that order, so that the rows one viewer reads lie together
    on disk instead of in the grouping's hash order. A query reading a rollup that is being
    written anew reads its new rows (one rollup summed from another in the same rebuild)."""
    try:
        sql, parameters = queryset.order_by().query.sql_with_params()
    except EmptyResultSet:  # a filter on no ids at all: nothing to insert
        return
    insert_selected(model, sql, list(parameters), columns, clustered_by=clustered_by)


def insert_selected(
    model: type[Model],
    sql: str,
    parameters: list[Any],
    columns: dict[str, str],
    *,
    clustered_by: list[str] | None = None,
) -> None:
    """`insert_grouped` of a query already written as SQL (its aliases named in `columns`)."""
    quote = connection.ops.quote_name
    for written, copy in (_NEW_COPIES.get() or {}).items():
        sql = sql.replace(quote(written), quote(copy))
    table = written_table(model)
    targets = ", ".join(quote(column) for column in columns)
    sources = ", ".join(quote(alias) for alias in columns.values())
    order = f" ORDER BY {', '.join(quote(alias) for alias in clustered_by)}" if clustered_by else ""
    with connection.cursor() as cursor, _timed(f"insert into {table}") as timed:
        cursor.execute(
            f"INSERT INTO {quote(table)} ({targets}) SELECT {sources} FROM ({sql}) source{order}",
            parameters,
        )
        timed.rows = cursor.rowcount


class _Timing:
    rows: int | None = None


@contextmanager
def _timed(what: str) -> Iterator[_Timing]:
    """Log how long a statement took (and the rows it wrote, when set)."""
    timing = _Timing()
    started = time.perf_counter()
    yield timing
    rows = f", {timing.rows:,} rows" if timing.rows is not None else ""
    logger.debug("%s: %.1f s%s", what, time.perf_counter() - started, rows)


def union_all(querysets: Iterable[QuerySet[Any]]) -> tuple[str, list[Any]] | None:
    """The rows of these queries one after the other (UNION ALL) as SQL and its parameters,
    leaving out a query on no ids at all; None when every query was one."""
    selects: list[str] = []
    parameters: list[Any] = []
    for rows in querysets:
        try:
            sql, piece_parameters = rows.order_by().query.sql_with_params()
        except EmptyResultSet:
            continue
        selects.append(sql)
        parameters.extend(piece_parameters)
    return (" UNION ALL ".join(selects), parameters) if selects else None


def written_table(model: type[Model]) -> str:
    """The table a rollup's rows are written to: its new copy while it is written anew."""
    return (_NEW_COPIES.get() or {}).get(model._meta.db_table, model._meta.db_table)


def delete_rows(rows: QuerySet[Any]) -> None:
    """Delete rollup rows about to be summarised again; a table being written anew has none."""
    if rows.model._meta.db_table not in (_NEW_COPIES.get() or {}):
        rows.delete()


@contextmanager
def written_anew(*models: type[Model]) -> Iterator[None]:
    """Every row of these rollups written anew inside the block, with `insert_grouped`, in
    one transaction. On PostgreSQL the rows go into a new copy of each table without its
    indexes, which are built once the rows are in, and the copy then replaces the table:
    a rebuild neither updates indexes row by row nor deletes millions of rows, and readers
    keep reading the old rows until the commit. Elsewhere the old rows are deleted first."""
    with transaction.atomic():
        if connection.vendor != "postgresql":
            for model in models:
                model._default_manager.all().delete()
            yield
            return
        copies = {model._meta.db_table: f"{model._meta.db_table}__anew" for model in models}
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table, copy in copies.items():
                cursor.execute(
                    f"CREATE TABLE {quote(copy)} (LIKE {quote(table)} INCLUDING DEFAULTS INCLUDING IDENTITY "
                    "INCLUDING CONSTRAINTS)"
                )
        written = _NEW_COPIES.set({**(_NEW_COPIES.get() or {}), **copies})
        try:
            yield
        finally:
            _NEW_COPIES.reset(written)
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            for table, copy in copies.items():
                _replace(cursor, table, copy)


class Alongside:
    """`work` (rollups written in transactions of their own) run on a connection of its own
    while the caller goes on, so that a rebuild keeps two cores busy: on PostgreSQL, outside
    any transaction. Otherwise, or inside a transaction (whose rows another connection
    could not see), it runs at once on the caller's connection. `wait` for it, which raises
    what it raised."""

    def __init__(self, work: Callable[[], None]) -> None:
        self.failure: BaseException | None = None
        self.thread: threading.Thread | None = None
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            work()  # one connection: the caller's transaction must see (and hold) the rows
            return
        self.thread = threading.Thread(target=self._run, args=(work,), name="rollup-rebuild", daemon=True)
        self.thread.start()

    def _run(self, work: Callable[[], None]) -> None:
        try:
            work()
        except BaseException as failure:  # handed to the waiting caller
            self.failure = failure
        finally:
            connections.close_all()  # this thread's own connections

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
        if self.failure is not None:
            raise self.failure


_INDEX = re.compile(r"^CREATE (UNIQUE )?INDEX (\S+) ON (\S+) (USING .*)$")


def _replace(cursor: Any, table: str, copy: str) -> None:
    """Give the copy the table's keys and indexes (under provisional names), then put it
    in the table's place under the table's names."""
    quote = connection.ops.quote_name
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass "
        "AND contype IN ('p', 'u')",
        [table],
    )
    keys = cursor.fetchall()
    cursor.execute(
        "SELECT index.relname, pg_get_indexdef(index.oid) FROM pg_index JOIN pg_class index "
        "ON index.oid = pg_index.indexrelid WHERE pg_index.indrelid = %s::regclass "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE pg_constraint.conindid = index.oid)",
        [table],
    )
    indexes = cursor.fetchall()
    for name, definition in keys:
        with _timed(f"key {name}"):
            cursor.execute(f"ALTER TABLE {quote(copy)} ADD CONSTRAINT {quote(name + '__anew')} {definition}")
    for name, definition in indexes:
        unique, _, _, method = _INDEX.match(definition).groups()  # type: ignore[union-attr]
        with _timed(f"index {name}"):
            cursor.execute(f"CREATE {unique or ''}INDEX {quote(name + '__anew')} ON {quote(copy)} {method}")
    sequences = _identity_sequences(cursor, table)
    cursor.execute(f"DROP TABLE {quote(table)}")
    cursor.execute(f"ALTER TABLE {quote(copy)} RENAME TO {quote(table)}")
    for name, _ in keys:
        cursor.execute(f"ALTER TABLE {quote(table)} RENAME CONSTRAINT {quote(name + '__anew')} TO {quote(name)}")
    for name, _ in indexes:
        cursor.execute(f"ALTER INDEX {quote(name + '__anew')} RENAME TO {quote(name)}")
    for column, new_sequence in _identity_sequences(cursor, table).items():
        # The copy's own identity sequence, renamed as the table's was.
        cursor.execute(f"ALTER SEQUENCE {new_sequence} RENAME TO {quote(sequences[column].rsplit('.', 1)[-1])}")
    cursor.execute(f"ANALYZE {quote(table)}")


def _identity_sequences(cursor: Any, table: str) -> dict[str, str]:
    """The sequences of a table's identity columns, by column."""
    cursor.execute(
        "SELECT attname, pg_get_serial_sequence(%s, attname) FROM pg_attribute "
        "WHERE attrelid = %s::regclass AND attidentity <> ''",
        [table, table],
    )
    return dict(cursor.fetchall())


def price_random_reads_as_ssd() -> None:
    """For this transaction, PostgreSQL's usual cost of a random page read on SSD (1.1)
    instead of its default for spinning disks (4): the rollups and the tables they are
    summed from are read from memory or SSD, and the default prices an index scan that
    reads a few rows above a sequential scan of the whole table."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL random_page_cost = 1.1")


@contextmanager
def pages_read_once() -> Iterator[None]:
    """Inside the block, PostgreSQL reads rows found by an index through a bitmap (each page
    once, in the table's order) rather than one by one in the index's order, which visits a
    page per row when the index orders them otherwise than the table does: a period's
    customers are written together by owner, but their index goes by spend (a group's
    customers over three years of pieces: 38 → 30 ms at L). Set for the block only, even
    inside a caller's transaction (a failure rolls the setting back with the block)."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_indexscan')")
        (before,) = cursor.fetchone()
        cursor.execute("SET LOCAL enable_indexscan = off")
        yield
        cursor.execute("SELECT set_config('enable_indexscan', %s, true)", [before])


def credit(prefix: str = "") -> dict[str, F]:
    """An order's credited rep, group and department under names that clash with no field."""
    return {f"credit_{name}": F(f"{prefix}credited_{name}_id") for name in ("rep", "group", "department")}


CREDIT_COLUMNS = {"rep_id": "credit_rep", "group_id": "credit_group", "department_id": "credit_department"}
