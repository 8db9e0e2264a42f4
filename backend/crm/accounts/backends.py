"""How a request finds its person."""

from typing import Any

from django.contrib.auth import backends

from crm.accounts.models import User
from crm.core.grants import grants_token


class ModelBackend(backends.ModelBackend):
    """Django's, reading a session's person together with the token their kept grants are
    filed under (`crm.core.grants`): one query instead of the four their roles and scope
    would take."""

    def get_user(self, user_id: Any) -> User | None:
        person = User.objects.annotate(grants_token=grants_token()).filter(pk=user_id).first()
        return person if person is not None and self.user_can_authenticate(person) else None
