from typing import Any

from rest_framework import serializers

from crm.dictionary.models import DictionaryEntry


class DictionaryTypeSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()


class DictionaryEntrySerializer(serializers.ModelSerializer[DictionaryEntry]):
    class Meta:
        model = DictionaryEntry
        fields = ["id", "type", "code", "label", "label_en", "sort_order", "is_active", "is_flagged"]
        read_only_fields = ["is_flagged"]


class DictionaryEntryUpdateSerializer(serializers.Serializer[Any]):
    label = serializers.CharField(max_length=100, required=False)  # type: ignore[assignment]
    label_en = serializers.CharField(max_length=100, required=False, allow_blank=True)
    sort_order = serializers.IntegerField(min_value=0, required=False)
    is_active = serializers.BooleanField(required=False)


class ParameterSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    description = serializers.CharField()
    kind = serializers.ChoiceField(choices=["integer", "boolean", "string"])
    value = serializers.JSONField()
    default = serializers.JSONField()
    minimum = serializers.IntegerField(allow_null=True)
    maximum = serializers.IntegerField(allow_null=True)


class ParameterUpdateSerializer(serializers.Serializer[Any]):
    value = serializers.JSONField()
