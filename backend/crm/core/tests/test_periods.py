from datetime import date

import pytest

from crm.core.periods import Grain, Period


@pytest.mark.parametrize(
    ("period", "pieces"),
    [
        (
            Period(date(2025, 11, 1), date(2026, 11, 1)),  # a year ending at a month's end
            [
                (Grain.MONTH, date(2025, 11, 1), date(2025, 12, 1)),
                (Grain.MONTH, date(2025, 12, 1), date(2026, 1, 1)),
                (Grain.QUARTER, date(2026, 1, 1), date(2026, 4, 1)),
                (Grain.QUARTER, date(2026, 4, 1), date(2026, 7, 1)),
                (Grain.QUARTER, date(2026, 7, 1), date(2026, 10, 1)),
                (Grain.MONTH, date(2026, 10, 1), date(2026, 11, 1)),
            ],
        ),
        (
            Period(date(2023, 12, 20), date(2026, 1, 5)),
            [
                (Grain.DAY, date(2023, 12, 20), date(2024, 1, 1)),
                (Grain.YEAR, date(2024, 1, 1), date(2025, 1, 1)),
                (Grain.YEAR, date(2025, 1, 1), date(2026, 1, 1)),
                (Grain.DAY, date(2026, 1, 1), date(2026, 1, 5)),
            ],
        ),
        (Period(date(2026, 3, 3), date(2026, 3, 9)), [(Grain.DAY, date(2026, 3, 3), date(2026, 3, 9))]),
        (Period(date(2026, 4, 1), date(2026, 7, 1)), [(Grain.QUARTER, date(2026, 4, 1), date(2026, 7, 1))]),
    ],
)
def test_a_period_is_cut_into_the_fewest_calendar_pieces(period, pieces):
    assert [(grain, piece.start, piece.end) for grain, piece in period.calendar_pieces()] == pieces
