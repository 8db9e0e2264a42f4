"""Cookie-session authentication for the SPA."""

from rest_framework import authentication
from rest_framework.request import Request


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication, answering 401 (not 403) when nobody is logged in,
    so the SPA can tell "log in again" from "not allowed"."""

    def authenticate_header(self, request: Request) -> str:
        return "Session"
