"""The base of every model serializer."""

from typing import Any

from django.db import models
from rest_framework import serializers


class ModelSerializer(serializers.ModelSerializer[Any]):
    """DRF's model serializer, except that integer fields carry no database-specific
    maximum (SQLite and PostgreSQL differ), so the API and its schema are one."""

    def build_standard_field(
        self, field_name: str, model_field: "models.Field[Any, Any]"
    ) -> tuple[type, dict[str, Any]]:
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(model_field, models.IntegerField):
            kwargs.pop("max_value", None)
        return field_class, kwargs
