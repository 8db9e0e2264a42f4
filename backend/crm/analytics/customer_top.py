"""The top customers over a period of whole calendar months that is not one calendar
period, without summing every customer: each piece (a year, quarter or month) is read
best first, every customer met is summed exactly over all the pieces, and the reading
stops once the last of the first `limit` has more than any customer not met yet could
have (the sum of what each piece's reading has reached: Fagin's threshold algorithm).
A year ending at a month's end is six pieces and a few hundred rows each, instead of a
grouping of every customer who bought in it."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from crm.analytics.customer_pieces import customer_rows
from crm.analytics.customer_rollups import CUSTOMER_PERIODS
from crm.analytics.metrics import owned_now_q
from crm.core.periods import Grain, Period
from crm.core.scope import ResolvedScope

# The first rows read of each piece for the whole company: its first twenty over a year lie
# deeper in each piece than a group's (at dataset L one round of 200 where four of 50 were
# needed, 53–65 ms instead of 89–110). A group's piece reads sort all its owners' rows, and
# a bigger batch only makes their sum longer: 50 stays.
COMPANY_BATCH = 200

# The per-customer figures the reading can rank by, best first, and their column.
RANKED_COLUMNS = {"amount": "sales_amount", "purchases": "purchase_count"}


@dataclass
class _Piece:
    """One calendar piece read best first: how far the reading got and the last value it read."""

    rows: QuerySet[Any]
    read: int = 0
    reached: Decimal | int = 0
    exhausted: bool = False
    batch: list[tuple[int, Any]] = field(default_factory=list)


def top_rows(
    period: Period, scope: ResolvedScope, column: str, limit: int, *, batch: int | None = None
) -> list[dict[str, Any]] | None:
    """The first `limit` customers by `column` ("amount" or "purchases"), highest first
    and ties by customer, as `customer_pieces` rows; None when the period has days outside
    whole months (the caller groups every customer then). Each piece is read `batch` rows
    at a time (by default twice the limit, at least 50, or COMPANY_BATCH for the company)."""
    pieces_of_period = period.calendar_pieces()
    if column not in RANKED_COLUMNS or any(grain == Grain.DAY for grain, _ in pieces_of_period):
        return None
    ranked = RANKED_COLUMNS[column]
    pieces = [
        _Piece(CUSTOMER_PERIODS[grain].objects.filter(owned_now_q(scope), start=piece.start))
        for grain, piece in pieces_of_period
    ]
    size = batch or max(2 * limit, COMPANY_BATCH if scope.everything else 50)
    totals: dict[int, dict[str, Any]] = {}
    while True:
        met: set[int] = set()
        for piece in pieces:
            if piece.exhausted:
                continue
            rows = list(
                piece.rows.order_by(f"-{ranked}", "customer_id").values_list("customer_id", ranked)[
                    piece.read : piece.read + size
                ]
            )
            piece.read += len(rows)
            piece.exhausted = len(rows) < size
            if rows:
                piece.reached = rows[-1][1]
            met.update(customer for customer, _ in rows if customer not in totals)
        # The customers met, summed exactly over every piece in one query.
        totals.update((row["customer_id"], row) for row in customer_rows(period, scope, customers=met))
        first = sorted(totals.values(), key=lambda row: (-row[column], row["customer_id"]))[:limit]
        unmet_at_most = sum(piece.reached for piece in pieces if not piece.exhausted)
        if all(piece.exhausted for piece in pieces) or (len(first) == limit and first[-1][column] > unmet_at_most):
            return first
