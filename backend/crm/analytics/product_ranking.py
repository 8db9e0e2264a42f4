"""Best and slowest sellers (METRICS.md, products; rankings): products or categories
ranked by sales amount or quantity over a period, in the database. The period's rows (the
same ones `product_totals` sums) are summed per product, ranked both ways with shared
ranks (1, 2, 2, 4), and only the first of each direction come back with the period's
totals, instead of ten thousand products ranked in Python."""

from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Model, Q, QuerySet

from crm.analytics.credit import Narrowing
from crm.analytics.product_figures import (
    ROLLUP_SUMS,
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
    """A product (or category) with its sales in the period and its rank each way."""

    id: int
    totals: ProductTotals
    best: int  # by the figure, highest first
    slowest: int  # by the figure, lowest first


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
        grouped = [rows.values(column).annotate(**ROLLUP_SUMS) for rows in company_sources(period, Q())]
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
        ranked_from = "SELECT subject, amount, sold FROM totals WHERE subject IS NOT NULL"
    else:
        quote = connection.ops.quote_name
        table, key = quote(catalogue._meta.db_table), quote(str(catalogue._meta.pk.column))
        ranked_from = (
            f"SELECT entry.{key} AS subject, COALESCE(totals.amount, 0) AS amount, COALESCE(totals.sold, 0) AS sold "
            f"FROM {table} entry LEFT JOIN totals ON totals.subject = entry.{key}"
        )
    first = int(limit)
    query = (
        f"WITH pieces (subject, amount, sold) AS ({sql}), "
        # Rounded to the fen: SQLite sums decimals as floats, whose noise would split ties.
        "totals AS (SELECT subject, ROUND(SUM(amount), 2) AS amount, SUM(sold) AS sold FROM pieces GROUP BY subject), "
        "everything AS (SELECT SUM(amount) AS amount, SUM(sold) AS sold FROM totals), "
        f"ranked AS (SELECT subject, amount, sold, "
        f"RANK() OVER (ORDER BY {column} DESC) AS best, RANK() OVER (ORDER BY {column} ASC) AS slowest, "
        f"ROW_NUMBER() OVER (ORDER BY {column} DESC, subject) AS best_at, "
        f"ROW_NUMBER() OVER (ORDER BY {column} ASC, subject) AS slowest_at FROM ({ranked_from}) entries) "
        "SELECT everything.amount, everything.sold, ranked.subject, ranked.amount, ranked.sold, "
        "ranked.best, ranked.slowest, ranked.best_at, ranked.slowest_at "
        f"FROM everything LEFT JOIN ranked ON ranked.best_at <= {first} OR ranked.slowest_at <= {first}"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, parameters)
        rows = cursor.fetchall()
    ranking = ProductRanking(totals=ProductTotals(money(rows[0][0]), rows[0][1] or 0))
    best, slowest = [], []
    for _, _, subject, amount, sold, best_rank, slowest_rank, best_at, slowest_at in rows:
        if subject is None:  # nothing sold and no catalogue: the totals' row alone
            continue
        product = RankedProduct(subject, ProductTotals(money(amount), sold or 0), best_rank, slowest_rank)
        if best_at <= first:
            best.append((best_at, product))
        if slowest_at <= first:
            slowest.append((slowest_at, product))
    ranking.best = [product for _, product in sorted(best, key=lambda pair: pair[0])]
    ranking.slowest = [product for _, product in sorted(slowest, key=lambda pair: pair[0])]
    return ranking
