"""A person's grants kept between requests.

A person's grants (permission codes, field permissions, data scope) come from their roles,
their unit and the unit tree: four queries on every request when read afresh, about a fifth
of a list request's CPU under load (docs/benchmarks/notes.md). So they are kept in the
cache under the current token of `GrantsVersion`, which the person's row is read with in the
same statement (`crm.accounts.backends`). Every service that changes what grants come from
(roles, people's roles and units, the unit tree) calls `renew_grants()` in its own
transaction: the change and the new token commit together, so a request that reads the new
token computes the grants afresh, and none reads grants from before a change it can see.
"""

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection

from crm.core.models import GrantsVersion

_ROW = 1
# Grants also expire, so that a change made around the services (by hand in the database)
# is outlived within minutes.
KEPT_SECONDS = 300

GrantsT = TypeVar("GrantsT")


def grants_token_sql() -> str:
    """The current token, as an SQL subquery to read with the person (the person's row is
    read with raw SQL: it is read on every request, and building it with the ORM cost three
    times as much)."""
    table = connection.ops.quote_name(GrantsVersion._meta.db_table)
    return f"(SELECT token FROM {table} WHERE id = {_ROW})"


def renew_grants() -> None:
    """Make every kept grant obsolete (in the caller's transaction)."""
    token = uuid.uuid4().hex
    if not GrantsVersion.objects.filter(id=_ROW).update(token=token):
        GrantsVersion.objects.update_or_create(id=_ROW, defaults={"token": token})


def kept_grants(person: str, token: str | None, compute: Callable[[], GrantsT]) -> GrantsT:
    """The grants kept for `person` (a key naming them and what of their own row the grants
    depend on) under `token`, computed and kept when there are none. Without a token (a
    person not loaded by a request) they are computed."""
    if not token:
        return compute()
    key = f"grants:{token}:{person}"
    grants: GrantsT | None = cache.get(key)
    if grants is None:
        grants = compute()
        cache.set(key, grants, KEPT_SECONDS)
    return grants
