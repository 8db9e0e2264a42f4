"""The one way rollups are written: INSERT … SELECT of a grouped query, so that a day and
all time are summarised by the same SQL on PostgreSQL and SQLite."""

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, Model, QuerySet


def insert_grouped(
    model: type[Model], queryset: QuerySet[Any], columns: dict[str, str], *, clustered_by: list[str] | None = None
) -> None:
    """INSERT INTO the rollup (its columns) SELECT the aliases of a grouped query; with
    `clustered_by` (aliases), in that order, so that the rows one viewer reads lie together
    on disk instead of in the grouping's hash order."""
    try:
        sql, parameters = queryset.order_by().query.sql_with_params()
    except EmptyResultSet:  # a filter on no ids at all: nothing to insert
        return
    quote = connection.ops.quote_name
    targets = ", ".join(quote(column) for column in columns)
    sources = ", ".join(quote(alias) for alias in columns.values())
    order = f" ORDER BY {', '.join(quote(alias) for alias in clustered_by)}" if clustered_by else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({targets}) SELECT {sources} FROM ({sql}) source{order}",
            parameters,
        )


def credit(prefix: str = "") -> dict[str, F]:
    """An order's credited rep, group and department under names that clash with no field."""
    return {f"credit_{name}": F(f"{prefix}credited_{name}_id") for name in ("rep", "group", "department")}


CREDIT_COLUMNS = {"rep_id": "credit_rep", "group_id": "credit_group", "department_id": "credit_department"}
