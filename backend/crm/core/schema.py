"""Teaching drf-spectacular about our session authentication (cookie + CSRF)."""

from drf_spectacular.authentication import SessionScheme


class CrmSessionScheme(SessionScheme):
    target_class = "crm.core.authentication.SessionAuthentication"
