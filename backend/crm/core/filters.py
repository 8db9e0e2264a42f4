"""Filters shared by the lists."""

import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field


@extend_schema_field(OpenApiTypes.INT)
class IntegerFilter(django_filters.NumberFilter):
    """An integer (a record's id, a number of days), typed so in the API's schema."""

    field_class = forms.IntegerField
