"""DESIGN.md rule 2: every API view of scoped data applies the scope through the base
class; every other view says why it shows no scoped data."""

from django.urls import URLPattern, URLResolver, get_resolver

from crm.core.api import ScopedStatisticView, ScopedViewSet, UnscopedAPIView, UnscopedViewSet
from crm.core.scope import ScopedQuerySet


def _api_views(patterns: list[URLPattern | URLResolver], prefix: str = "") -> list[tuple[str, type]]:
    views = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            views.extend(_api_views(pattern.url_patterns, route))
        elif route.startswith("api/v1/"):
            callback = pattern.callback
            view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
            assert view_class is not None, f"{route} is not a class-based API view"
            views.append((route, view_class))
    return views


def test_the_api_has_endpoints_to_check():
    routes = {route for route, _ in _api_views(get_resolver().url_patterns)}
    assert "api/v1/users/" in {route.replace("^", "").replace("$", "") for route in routes}


def test_every_api_view_is_scoped_or_says_why_not():
    unexplained = []
    for route, view_class in _api_views(get_resolver().url_patterns):
        if issubclass(view_class, (ScopedViewSet, ScopedStatisticView)):
            continue
        exempt = issubclass(view_class, (UnscopedAPIView, UnscopedViewSet))
        if not exempt or not getattr(view_class, "scope_exempt_reason", ""):
            unexplained.append(f"{route} -> {view_class.__name__}")
    assert unexplained == [], "views neither scoped nor explained:\n" + "\n".join(unexplained)


def test_no_unscoped_view_serves_a_scoped_model():
    leaks = []
    for route, view_class in _api_views(get_resolver().url_patterns):
        if issubclass(view_class, ScopedViewSet):
            continue
        queryset = getattr(view_class, "queryset", None)
        serializer = getattr(view_class, "serializer_class", None)
        model = getattr(getattr(serializer, "Meta", None), "model", None) if serializer else None
        model = model or (queryset.model if queryset is not None else None)
        if model is not None and isinstance(model._default_manager.all(), ScopedQuerySet):
            leaks.append(f"{route} -> {view_class.__name__} serves {model.__name__}")
    assert leaks == []


def test_scoped_views_refuse_a_queryset_that_cannot_be_scoped(rf, cast):
    from django.db.models import QuerySet

    from crm.accounts.models import Role

    class Careless(ScopedViewSet):
        def base_queryset(self) -> QuerySet[Role]:  # type: ignore[override]
            return Role.objects.all()

    view = Careless()
    view.request = rf.get("/")
    view.request.user = cast.admin
    try:
        view.get_queryset()
    except TypeError as error:
        assert "must return a ScopedQuerySet" in str(error)
    else:
        raise AssertionError("an unscoped queryset went through")
