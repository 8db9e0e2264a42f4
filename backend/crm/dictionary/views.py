from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.request import Request
from rest_framework.response import Response

from crm.core.api import UnscopedAPIView, UnscopedViewSet
from crm.core.permissions import ANY_LOGGED_IN
from crm.dictionary import services
from crm.dictionary.catalogue import DICTIONARY_TYPES, PARAMETERS
from crm.dictionary.models import DictionaryEntry
from crm.dictionary.permissions import MANAGE_DICTIONARY, MANAGE_PARAMETER
from crm.dictionary.selectors import get_parameter
from crm.dictionary.serializers import (
    DictionaryEntrySerializer,
    DictionaryEntryUpdateSerializer,
    DictionaryTypeSerializer,
    ParameterSerializer,
    ParameterUpdateSerializer,
)


class DictionaryTypeView(UnscopedAPIView):
    scope_exempt_reason = "the declared list of dictionary types"
    read_permission = ANY_LOGGED_IN

    @extend_schema(responses=DictionaryTypeSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response([vars(item) for item in DICTIONARY_TYPES])


class DictionaryEntryViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, UnscopedViewSet
):
    """Entries of the typed lists. Everyone logged in reads them (forms need the labels);
    dictionary managers change them."""

    scope_exempt_reason = "reference data shared by everyone"
    serializer_class = DictionaryEntrySerializer
    filterset_fields = ["type", "is_active", "is_flagged"]
    ordering_fields = ["sort_order", "code", "label"]
    read_permission = ANY_LOGGED_IN
    write_permission = MANAGE_DICTIONARY

    def get_queryset(self) -> QuerySet[DictionaryEntry]:
        return DictionaryEntry.objects.all()

    @extend_schema(request=DictionaryEntrySerializer, responses=DictionaryEntrySerializer)
    def create(self, request: Request) -> Response:
        serializer = DictionaryEntrySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        entry = services.create_dictionary_entry(
            actor=request.user,
            type=data["type"],
            code=data["code"],
            label=data["label"],
            label_en=data.get("label_en", ""),
            sort_order=data.get("sort_order", 0),
        )
        return Response(DictionaryEntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DictionaryEntryUpdateSerializer, responses=DictionaryEntrySerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        entry = self.get_object()
        serializer = DictionaryEntryUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        entry = services.update_dictionary_entry(actor=request.user, entry=entry, **serializer.validated_data)
        return Response(DictionaryEntrySerializer(entry).data)

    def perform_destroy(self, instance: DictionaryEntry) -> None:
        services.delete_dictionary_entry(actor=self.request.user, entry=instance)


def _parameter(key: str) -> dict[str, Any]:
    definition = PARAMETERS[key]
    return {**vars(definition), "value": get_parameter(key)}


class ParameterListView(UnscopedAPIView):
    scope_exempt_reason = "system settings, no business data"
    read_permission = MANAGE_PARAMETER

    @extend_schema(responses=ParameterSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response([_parameter(key) for key in PARAMETERS])


class ParameterDetailView(UnscopedAPIView):
    scope_exempt_reason = "system settings, no business data"
    read_permission = MANAGE_PARAMETER
    write_permission = MANAGE_PARAMETER

    @extend_schema(responses=ParameterSerializer, parameters=[OpenApiParameter("key", str, OpenApiParameter.PATH)])
    def get(self, request: Request, key: str) -> Response:
        if key not in PARAMETERS:
            raise Http404
        return Response(_parameter(key))

    @extend_schema(request=ParameterUpdateSerializer, responses=ParameterSerializer)
    def patch(self, request: Request, key: str) -> Response:
        if key not in PARAMETERS:
            raise Http404
        serializer = ParameterUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.set_parameter(actor=request.user, key=key, value=serializer.validated_data["value"])
        return Response(_parameter(key))
