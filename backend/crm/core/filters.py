"""Filters shared by the lists."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, passing the queryset through when the request names none of
    the filterset's filters (a detail, an unfiltered list): its form would find every filter
    empty and change nothing, after a millisecond of CPU building it."""

    def filter_queryset(self, request: Any, queryset: QuerySet[Any], view: Any) -> QuerySet[Any]:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or filterset_class.base_filters.keys().isdisjoint(request.query_params.keys()):
            return queryset
        return super().filter_queryset(request, queryset, view)


@extend_schema_field(OpenApiTypes.INT)
class IntegerFilter(django_filters.NumberFilter):
    """An integer (a record's id, a number of days), typed so in the API's schema."""

    field_class = forms.IntegerField


# More rows than anyone pages through for one search term.
FEW_MATCHES = 1000


def matches_first(model: Any, condition: Q) -> Q:
    """`condition` as the ids it matches in the whole table when they are few, else as
    itself. A rare term is then looked up once on its own index (a name's trigrams, an order
    number's prefix) and the list reads those rows only: as one query the planner misjudges
    how rare the term is and walks the list's order, filtering row by row, to the end of the
    table. A common term stays a filter, which that walk meets soon."""
    ids = list(model.objects.filter(condition).order_by().values_list("pk", flat=True)[: FEW_MATCHES + 1])
    return Q(pk__in=ids) if len(ids) <= FEW_MATCHES else condition
