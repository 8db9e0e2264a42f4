"""Best and slowest sellers (METRICS.md, products; rankings): products or categories
ranked by sales amount or quantity over a period, in the database. The period's rows (the
same ones `product_totals` sums) are summed per product, the first of each direction
read back with the period's totals in one query, instead of ten thousand products ranked in
Python; their shared ranks (1, 2, 2, 4) follow from the order alone."""

from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Model, Q, QuerySet

from crm.analytics.credit import Narrowing
from crm.analytics.product_figures import (
    ProductTotals,
    company_sources,
    credited_sources,
    trust_clustering,
)
from crm.analytics.rollup_sql import union_all
from crm.commerce.models import Category, Product
from crm.core.money import money
from crm.core.periods import Period
from crm.core.scope import ResolvedScope

# The figures a product is ranked by, and their column in the summed rows.
RANKED_FIGURES = {"sales_amount": "amount", "quantity": "sold"}


@dataclass
class RankedProduct:
    """A product (or category) with its sales in the period and its rank in its list."""

    id: int
    totals: ProductTotals
    rank: int


@dataclass
class ProductRanking:
    """The first `limit` products each way, and the sales of all of them together."""

    best: list[RankedProduct] = field(default_factory=list)
    slowest: list[RankedProduct] = field(default_factory=list)
    totals: ProductTotals = field(default_factory=ProductTotals)


def rank_products(
    period: Period,
    *,
    scope: ResolvedScope,
    by: str = "product",
    narrowing: Narrowing | None = None,
    figure: str = "sales_amount",
    limit: int,
) -> ProductRanking:
    """Products (`by="product"`) or categories ranked by `figure` both ways. A viewer who
    sees the whole company ranks the whole catalogue, those that sold nothing included
    (they are the slowest); anyone else the products sold in their scope."""
    column = "product_id" if by == "product" else "product__category_id"
    company = scope.everything and not narrowing
    if company:
        # One row per product in each piece already: summed once, over all of them.
        grouped = [
            rows.annotate(subject=F(column), amount=F("signed_amount"), sold=F("signed_quantity")).values(
                "subject", "amount", "sold"
            )
            for rows in company_sources(period, Q())
        ]
    else:
        grouped = [rows for rows, _ in credited_sources(period, scope, narrowing, Q(), [column], by=None)]
    catalogue = (Product if by == "product" else Category) if company else None
    with transaction.atomic():
        if not company:
            trust_clustering()
        return _ranked(grouped, catalogue, RANKED_FIGURES[figure], limit)


def _ranked(grouped: list[QuerySet[Any]], catalogue: type[Model] | None, column: str, limit: int) -> ProductRanking:
    pieces = union_all(grouped)
    if pieces is None:
        return ProductRanking()
    sql, parameters = pieces
    # Every catalogue entry, with nothing where it sold nothing; else the ones that sold.
    if catalogue is None:
        entries = "SELECT subject, amount, sold FROM totals WHERE subject IS NOT NULL"
    else:
        quote = connection.ops.quote_name
        table, key = quote(catalogue._meta.db_table), quote(str(catalogue._meta.pk.column))
        entries = (
            f"SELECT entry.{key} AS subject, COALESCE(totals.amount, 0) AS amount, COALESCE(totals.sold, 0) AS sold "
            f"FROM {table} entry LEFT JOIN totals ON totals.subject = entry.{key}"
        )
    # SQLite sums decimals as floats: rounded to the fen, their noise cannot split ties.
    amount = "ROUND(SUM(amount), 2)" if connection.vendor == "sqlite" else "SUM(amount)"
    first = int(limit)

    def ordered(direction: str) -> str:
        first_ones = f"ORDER BY {column} {direction}, subject LIMIT {first}"
        return (
            f"SELECT * FROM (SELECT '{direction}', subject, amount, sold FROM entries {first_ones}) {direction}_first"
        )

    query = (
        f"WITH pieces (subject, amount, sold) AS ({sql}), "
        f"totals AS (SELECT subject, {amount} AS amount, SUM(sold) AS sold FROM pieces GROUP BY subject), "
        f"entries AS ({entries}) "
        f"{ordered('DESC')} UNION ALL {ordered('ASC')} "
        "UNION ALL SELECT 'ALL', NULL, SUM(amount), SUM(sold) FROM totals"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, parameters)
        rows = cursor.fetchall()
    ranking = ProductRanking()
    lists: dict[str, list[tuple[int, ProductTotals]]] = {"DESC": [], "ASC": []}
    for direction, subject, amount_sold, sold in rows:
        totals = ProductTotals(money(amount_sold), int(sold or 0))
        if direction == "ALL":
            ranking.totals = totals
        else:
            lists[direction].append((subject, totals))
    ranking.best = _with_ranks(lists["DESC"], column)
    ranking.slowest = _with_ranks(lists["ASC"], column)
    return ranking


def _with_ranks(ordered: list[tuple[int, ProductTotals]], column: str) -> list[RankedProduct]:
    """In an ordered list a value's competition rank is the place it first appears at."""
    figure = "sales_amount" if column == "amount" else "quantity"
    first_place: dict[Any, int] = {}
    ranked = []
    for place, (subject, totals) in enumerate(ordered, start=1):
        value = getattr(totals, figure)
        ranked.append(RankedProduct(subject, totals, first_place.setdefault(value, place)))
    return ranked
