"""The API base classes. Every view of scoped data derives from `ScopedViewSet`, which
applies `visible_to(request.user)` to every list, detail, search, export and count, so
out-of-scope records answer 404 exactly like missing ones (DESIGN.md rule 2).

Views that show no scoped data say why in `scope_exempt_reason`;
`crm/core/tests/test_every_endpoint_is_scoped.py` fails for any view that does neither.
"""

from typing import Any

from django.db.models import QuerySet
from rest_framework import viewsets
from rest_framework.views import APIView

from crm.core.permissions import HasPermissionCode
from crm.core.scope import NOTHING, ResolvedScope, ScopedQuerySet


class ScopedViewSet(viewsets.GenericViewSet):
    """A viewset over a scoped model. Subclasses give `base_queryset()`; the scope is
    applied here and nowhere else."""

    permission_classes = [HasPermissionCode]
    read_permission: str | tuple[str, ...] | None = None
    write_permission: str | tuple[str, ...] | None = None
    action_permissions: dict[str, str | tuple[str, ...]] = {}

    def base_queryset(self) -> ScopedQuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        queryset = self.base_queryset()
        if not isinstance(queryset, ScopedQuerySet):
            raise TypeError(f"{type(self).__name__}.base_queryset() must return a ScopedQuerySet")
        return self.scope(queryset)

    def scope(self, queryset: ScopedQuerySet[Any]) -> QuerySet[Any]:
        """The rows the viewer may reach: their data scope. A view over records that are
        nobody's (the public pool) narrows to those instead, and says so here."""
        return queryset.visible_to(self.request.user)

    def page_branches(self) -> list[QuerySet[Any]]:
        """The filtered list as a union of branches, paged by merging them (see
        `crm.core.pagination`); none when the list is paged as one query. Each branch is the
        list's filters over one of the conditions whose union is the viewer's scope, without
        the scope's other conditions, so that its index alone answers it."""
        user: Any = self.request.user
        # A view narrowing its rows otherwise than by the scope (the public pool) is one query.
        if not user.is_authenticated or type(self).scope is not ScopedViewSet.scope:
            return []
        base = self.base_queryset()
        return [
            self.filter_queryset(base.filter(condition)) for condition in base.scope_branches(user.resolved_scope())
        ]


class UnscopedAPIView(APIView):
    """An endpoint that shows no scoped data (login, health, catalogues). Subclasses must
    say why in `scope_exempt_reason`."""

    scope_exempt_reason: str = ""
    permission_classes = [HasPermissionCode]
    read_permission: str | tuple[str, ...] | None = None
    write_permission: str | tuple[str, ...] | None = None


class UnscopedViewSet(viewsets.GenericViewSet):
    """A viewset over reference data that is not anyone's (dictionary entries, roles).
    Subclasses must say why in `scope_exempt_reason`."""

    scope_exempt_reason: str = ""
    permission_classes = [HasPermissionCode]
    read_permission: str | tuple[str, ...] | None = None
    write_permission: str | tuple[str, ...] | None = None
    action_permissions: dict[str, str | tuple[str, ...]] = {}


class ScopedStatisticView(APIView):
    """A statistic: figures read from the rollups under the viewer's data scope. The
    metrics take the scope as a required argument and this class is where it comes from
    (`viewer_scope`), so no figure is computed over more than the viewer may see."""

    permission_classes = [HasPermissionCode]
    read_permission: str | tuple[str, ...] | None = None
    write_permission: str | tuple[str, ...] | None = None

    def viewer_scope(self) -> ResolvedScope:
        user: Any = self.request.user
        return user.resolved_scope() if user.is_authenticated else NOTHING
