"""The statistics' benchmark's periods (tools/benchmarks/statistics.py): a month, a year and
three years up to the dataset's end, wherever in a month it ends."""

from datetime import date

from tools.benchmarks import statistics


def test_a_dataset_ending_on_the_first_is_measured_over_the_calendar_month_before() -> None:
    periods = statistics._periods(date(2026, 11, 1))

    assert periods["month"] == {"start": "2026-10-01", "end": "2026-11-01"}
    assert periods["year"] == {"start": "2025-11-01", "end": "2026-11-01"}
    assert periods["3 years"] == {"start": "2023-11-01", "end": "2026-11-01"}


def test_a_dataset_ending_mid_month_is_measured_over_the_month_to_that_day() -> None:
    assert statistics._periods(date(2026, 12, 8))["month"] == {"start": "2026-11-08", "end": "2026-12-08"}
    assert statistics._periods(date(2027, 1, 15))["month"] == {"start": "2026-12-15", "end": "2027-01-15"}
    # A month before 31 March is the last of February.
    assert statistics._periods(date(2026, 3, 31))["month"] == {"start": "2026-02-28", "end": "2026-03-31"}
