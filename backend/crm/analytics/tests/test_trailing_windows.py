"""近12个月 and 近3年 (decision 0009): the days each window covers, and customer value over
a window read from the window's own rows answering what its calendar pieces answer."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crm.analytics.customer_trailing import held_window, trailing_period
from crm.analytics.models import CustomerTrailing
from crm.analytics.rollups import refresh_changed_days
from crm.core.periods import Period, today


@pytest.mark.parametrize(
    ("name", "day", "start", "end"),
    [
        ("12m", date(2026, 12, 1), date(2025, 12, 2), date(2026, 12, 2)),
        ("36m", date(2026, 12, 1), date(2023, 12, 2), date(2026, 12, 2)),
        ("12m", date(2028, 2, 28), date(2027, 3, 1), date(2028, 2, 29)),  # no 29 February in 2027
        ("36m", date(2026, 12, 31), date(2024, 1, 1), date(2027, 1, 1)),
    ],
)
def test_a_window_reaches_back_whole_years_from_the_day_after_today(name, day, start, end):
    # The same days as the UI's shortcuts (frontend period.ts, presetPeriod).
    assert trailing_period(name, day) == Period(start, end)


def test_customer_value_over_a_window_is_read_from_its_rows_as_its_pieces_give_it(book, as_person):
    refresh_changed_days()
    window = trailing_period("12m", today())
    assert held_window(window) == "12m"
    assert CustomerTrailing.objects.filter(window="12m").exists()
    # A day shorter at the start is not the window: summed from its calendar pieces. The
    # book's orders are all inside both, so both answer the same.
    pieced = Period(window.start + timedelta(days=1), window.end)
    assert held_window(pieced) is None
    for person in ("admin", "supervisor", "rep_liu"):
        client = as_person(person)
        with CaptureQueriesContext(connection) as queries:
            held = client.get("/api/v1/statistics/customers", {"start": window.start, "end": window.end}).json()
        assert any(CustomerTrailing._meta.db_table in query["sql"] for query in queries.captured_queries)
        summed = client.get("/api/v1/statistics/customers", {"start": pieced.start, "end": pieced.end}).json()
        assert held["purchasing_customers"] > 0
        for figure in ("purchasing_customers", "sales_amount", "purchase_count", "average_purchase_cycle_days"):
            assert held[figure] == summed[figure], (person, figure)
        assert held["frequency"] == summed["frequency"]
        assert [row["name"] for row in held["top"]] == [row["name"] for row in summed["top"]]
