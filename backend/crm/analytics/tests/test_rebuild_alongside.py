"""On PostgreSQL, outside a transaction, a rebuild writes the credited product sales (and
the development, composition and stock rollups) on a connection of its own while it
writes the rest: what it writes is what the refresh wrote."""

from collections import Counter
from datetime import date
from unittest import mock

import pytest
from django.db import connection

from crm.analytics import rollups
from crm.analytics.models import (
    CompositionMonth,
    CreditedProductSales,
    CustomerDevelopment,
    CustomerSalesDay,
    DepartmentProductSales,
    DevelopmentMonth,
    ProductSalesDay,
    SalesDay,
    UnitProductSales,
)
from crm.analytics.product_rollups import REST_OF_MONTH
from crm.analytics.rollup_sql import Alongside

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a second connection needs committed rows"),
    # The roles and dictionary seeded by migrations come back after each test flushes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WRITTEN = (
    SalesDay,
    CustomerSalesDay,
    ProductSalesDay,
    CreditedProductSales,
    UnitProductSales,
    DepartmentProductSales,
    CustomerDevelopment,
    DevelopmentMonth,
    CompositionMonth,
)


def _rows(model) -> Counter:  # type: ignore[no-untyped-def]
    columns = [field.attname for field in model._meta.concrete_fields if not field.primary_key]
    return Counter(model.objects.values_list(*columns))


def test_a_rebuild_beside_the_caller_writes_what_the_refresh_wrote(book):
    rollups.refresh_changed_days()
    refreshed = {model: _rows(model) for model in WRITTEN}
    assert all(refreshed[model] for model in WRITTEN)
    started: list[Alongside] = []

    def recorded(work):  # type: ignore[no-untyped-def]
        started.append(Alongside(work))
        return started[-1]

    with mock.patch.object(rollups, "Alongside", recorded):
        rollups.rebuild_rollups()
    assert started and started[0].thread is not None  # it ran on a connection of its own
    assert {model: _rows(model) for model in WRITTEN} == refreshed


def test_a_failure_beside_the_caller_is_raised_to_it(book):
    failing = mock.patch.object(rollups, "rebuild_credited", side_effect=RuntimeError("credited rollup failed"))
    with failing, pytest.raises(RuntimeError, match="credited rollup failed"):
        rollups.rebuild_rollups()


def test_a_rebuild_writes_the_rest_of_the_month_a_window_starts_in(book):
    """A year on, 近12个月 starts on 6 February 2026: the rebuild writes the departments' rows
    over the rest of that month as the refresh did, though the old ones are still there to
    be read while it writes."""
    with mock.patch("crm.analytics.product_rollups.today", return_value=date(2027, 2, 5)):
        rollups.refresh_changed_days()
        refreshed = _rows(DepartmentProductSales)
        rollups.rebuild_rollups()
        rebuilt = _rows(DepartmentProductSales)
    assert any(row[3:5] == (REST_OF_MONTH, date(2026, 2, 6)) for row in refreshed)
    assert rebuilt == refreshed
