"""Money is exact: Decimal with two places (yuan and fen)."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money(value: Decimal | int | float | None) -> Decimal:
    """A sum read from the database as yuan with two places. SQLite keeps decimals as
    floating point, so its sums carry float noise far below a fen; rounding to the fen
    gives the exact amount back (PostgreSQL's numeric sums are exact already)."""
    if value is None:
        return ZERO
    if isinstance(value, Decimal):  # most sums: no detour through text (ten thousand a ranking)
        return value.quantize(CENT, rounding=ROUND_HALF_UP)
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
