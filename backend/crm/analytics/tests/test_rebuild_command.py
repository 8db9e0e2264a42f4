"""`rebuild_statistics`: the rebuild an operator runs, and with `-v 2` where its time goes."""

import logging
import re
from io import StringIO

import pytest
from django.core.management import call_command

from crm.analytics.models import CreditedProductSales, SalesDay

pytestmark = pytest.mark.django_db


def test_the_command_rebuilds_and_reports_each_statement_at_verbosity_two(book):
    output = StringIO()
    call_command("rebuild_statistics", verbosity=2, stdout=output)
    printed = output.getvalue()
    assert SalesDay.objects.exists() and CreditedProductSales.objects.exists()
    assert re.search(r"insert into analytics_salesday\S*: \d+\.\d s, [\d,]+ rows", printed)
    assert re.search(r"insert into analytics_creditedproductsales\S*: \d+\.\d s, [\d,]+ rows", printed)
    assert re.search(r"order days: \d+, development days: \d+, stock days: 0, in \d+\.\d s", printed)
    statements = logging.getLogger("crm.analytics.rollup_sql")
    assert not statements.handlers and statements.propagate  # shown only while the command ran


def test_the_command_at_the_default_verbosity_prints_only_its_summary(book):
    output = StringIO()
    call_command("rebuild_statistics", stdout=output)
    assert output.getvalue().count("\n") == 1
    assert output.getvalue().startswith("order days: ")
