"""How a request finds its person."""

import functools
from typing import Any

from django.contrib.auth import backends
from django.db import connection

from crm.accounts.models import User
from crm.core.grants import grants_token_sql


@functools.cache
def _person_sql() -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in User._meta.concrete_fields if field.column)
    table, key = quote(User._meta.db_table), quote(User._meta.pk.attname)
    return f"SELECT {columns}, {grants_token_sql()} AS grants_token FROM {table} WHERE {key} = %s"


class ModelBackend(backends.ModelBackend):
    """Django's, reading a session's person together with the token their kept grants are
    filed under (`crm.core.grants`): one query instead of the four their roles and scope
    would take. The statement is written out once: it runs on every request, and the ORM
    took 0.95 ms of CPU to build and read it against 0.3 ms."""

    def get_user(self, user_id: Any) -> User | None:
        person = next(iter(User.objects.raw(_person_sql(), [user_id])), None)
        return person if person is not None and self.user_can_authenticate(person) else None
