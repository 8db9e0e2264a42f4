"""The base of every model serializer."""

import copy
from typing import Any, ClassVar

from django.db import models
from rest_framework import serializers
from rest_framework.fields import Field


class ModelSerializer(serializers.ModelSerializer[Any]):
    """DRF's model serializer, except that integer fields carry no database-specific
    maximum (SQLite and PostgreSQL differ), so the API and its schema are one."""

    _field_template: ClassVar[dict[str, Field[Any, Any, Any, Any]]]

    def build_standard_field(
        self, field_name: str, model_field: "models.Field[Any, Any]"
    ) -> tuple[type, dict[str, Any]]:
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(model_field, models.IntegerField):
            kwargs.pop("max_value", None)
        return field_class, kwargs

    def get_fields(self) -> dict[str, Field[Any, Any, Any, Any]]:
        # DRF maps the model's fields anew for every serializer, which is most of building
        # one (about 0.6 ms for a customer row's 21 fields, every list request). The mapping
        # depends on the class alone, so it is kept on the class, unbound, and each
        # serializer gets its own copy (a field is bound to the serializer that holds it).
        template = type(self).__dict__.get("_field_template")
        if template is None:
            template = super().get_fields()
            type(self)._field_template = template
        return copy.deepcopy(template)
