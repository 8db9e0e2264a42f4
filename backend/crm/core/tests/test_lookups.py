"""The `any_of` lookup answers what `in` answers, on every database, for the scope's lists
of people and units; on PostgreSQL the list is one parameter."""

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from crm.accounts.models import User


@pytest.mark.parametrize("chosen", [["rep_li", "rep_zhang"], ["manager"], []])
def test_any_of_finds_what_in_finds(cast, chosen):
    people = cast.people()
    ids = {people[name].id for name in chosen} | {None}
    by_in = set(User.objects.filter(id__in=ids).values_list("id", flat=True))
    by_any_of = set(User.objects.filter(id__any_of=ids).values_list("id", flat=True))
    assert by_any_of == by_in == {people[name].id for name in chosen}


def test_any_of_on_a_foreign_key_and_combined_with_other_conditions(cast):
    units = {cast.shanghai_group.id, cast.hangzhou_group.id}
    either = Q(department_id__any_of=units) | Q(id__any_of=[cast.manager.id])
    expected = set(User.objects.filter(Q(department_id__in=units) | Q(id=cast.manager.id)).values_list("id", flat=True))
    assert set(User.objects.filter(either).values_list("id", flat=True)) == expected
    assert expected >= {cast.rep_li.id, cast.manager.id}
    # An empty list is nothing, as with `in`: the other branch still answers.
    nothing_or_manager = Q(department_id__any_of=[]) | Q(id__any_of=[cast.manager.id])
    assert list(User.objects.filter(nothing_or_manager).values_list("id", flat=True)) == [cast.manager.id]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the array parameter is PostgreSQL's")
def test_on_postgresql_the_ids_are_one_array_parameter(cast):
    ids = [person.id for person in cast.people().values()]
    with CaptureQueriesContext(connection) as queries:
        assert User.objects.filter(id__any_of=ids).count() == len(set(ids))
    assert "= ANY(" in queries[0]["sql"]
    assert " IN (" not in queries[0]["sql"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the array parameter is PostgreSQL's")
def test_on_postgresql_the_array_is_of_the_columns_type(cast):
    """psycopg sends small numbers as smallint[]; against a bigint column PostgreSQL then
    compares the array element by element on every row instead of hashing it once."""
    with CaptureQueriesContext(connection) as queries:
        User.objects.filter(department_id__any_of=[cast.shanghai_group.id], id__any_of=[cast.rep_li.id]).count()
    sql = queries[0]["sql"]
    assert sql.count("::bigint[])") == 2, sql
