"""How big each benchmark dataset is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SizeSpec:
    """The counts a dataset is built to. Order items are not fixed: about 2.5 an order."""

    name: str
    customers: int
    orders: int
    products: int
    reps: int
    regions: int
    after_sales: int
    executives: int
    # Products with a stock snapshot every day; the others get one a week. None: all daily.
    daily_stock_products: int | None = None


SIZES: dict[str, SizeSpec] = {
    "XS": SizeSpec("XS", customers=2_000, orders=20_000, products=300, reps=12, regions=2, after_sales=2, executives=1),
    "S": SizeSpec(
        "S", customers=100_000, orders=1_000_000, products=2_000, reps=60, regions=3, after_sales=4, executives=2
    ),
    "L": SizeSpec(
        "L",
        customers=1_000_000,
        orders=10_000_000,
        products=10_000,
        reps=200,
        regions=5,
        after_sales=10,
        executives=3,
        daily_stock_products=1_000,
    ),
}
