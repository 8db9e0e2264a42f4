from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crm.core.serializers import ModelSerializer
from crm.dictionary.models import DictionaryEntry


class DictionaryTypeSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()


class DictionaryEntrySerializer(ModelSerializer):
    # Declared so the schema's bounds do not depend on the database's integer range.
    sort_order = serializers.IntegerField(min_value=0, max_value=100_000, required=False)

    class Meta:
        model = DictionaryEntry
        fields = ["id", "type", "code", "label", "label_en", "sort_order", "is_active", "is_flagged"]
        read_only_fields = ["is_flagged"]
        # The service answers a duplicate code (409 duplicate_code), not the model's constraint.
        validators: list[object] = []


class DictionaryEntryUpdateSerializer(serializers.Serializer[Any]):
    label = serializers.CharField(max_length=100, required=False)  # type: ignore[assignment]
    label_en = serializers.CharField(max_length=100, required=False, allow_blank=True)
    sort_order = serializers.IntegerField(min_value=0, max_value=100_000, required=False)
    is_active = serializers.BooleanField(required=False)


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "boolean"}, {"type": "string"}]})
class ParameterValueField(serializers.JSONField):
    """A parameter's value: an integer, a boolean or a text, as its kind says."""


class ParameterSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    description = serializers.CharField()
    kind = serializers.ChoiceField(choices=["integer", "boolean", "string"])
    value = ParameterValueField()
    default = ParameterValueField()
    minimum = serializers.IntegerField(allow_null=True)
    maximum = serializers.IntegerField(allow_null=True)


class ParameterUpdateSerializer(serializers.Serializer[Any]):
    value = ParameterValueField()
