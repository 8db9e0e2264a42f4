from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from crm.core.api import ScopedViewSet
from crm.core.errors import ValidationFailed
from crm.org import services
from crm.org.filters import DepartmentFilter
from crm.org.models import Department, DepartmentQuerySet, Membership
from crm.org.permissions import MANAGE_DEPARTMENT, VIEW_DEPARTMENT
from crm.org.selectors import department_tree
from crm.org.serializers import (
    DepartmentMemberSerializer,
    DepartmentSerializer,
    DepartmentTreeNodeSerializer,
    DepartmentWriteSerializer,
)


class DepartmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ScopedViewSet):
    """The organisation tree: companies, departments and sales groups in the viewer's scope."""

    serializer_class = DepartmentSerializer
    filterset_class = DepartmentFilter
    ordering_fields = ["name", "kind", "status", "member_count", "created_at", "path"]
    ordering = ["path"]
    read_permission = VIEW_DEPARTMENT
    write_permission = MANAGE_DEPARTMENT

    def base_queryset(self) -> DepartmentQuerySet:
        return Department.objects.select_related("parent", "manager").annotate(
            member_count=Count("memberships", filter=Q(memberships__ended_at__isnull=True))
        )

    @extend_schema(request=DepartmentWriteSerializer, responses=DepartmentSerializer)
    def create(self, request: Request) -> Response:
        serializer = DepartmentWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self._check_parent_visible(serializer.validated_data["parent"])
        self._check_manager_visible(serializer.validated_data.get("manager"))
        department = services.create_department(actor=request.user, **serializer.validated_data)
        return Response(self._read(department.id), status=status.HTTP_201_CREATED)

    @extend_schema(request=DepartmentWriteSerializer, responses=DepartmentSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        department = self.get_object()
        serializer = DepartmentWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        parent = serializer.validated_data.get("parent")
        # The parent it already has may lie above the viewer's scope (a manager's own department).
        if parent is not None and parent.id != department.parent_id:
            self._check_parent_visible(parent)
        manager = serializer.validated_data.get("manager")
        if manager is not None and manager.id != department.manager_id:
            self._check_manager_visible(manager)
        services.update_department(actor=request.user, department=department, **serializer.validated_data)
        return Response(self._read(department.id))

    def perform_destroy(self, instance: Department) -> None:
        services.delete_department(actor=self.request.user, department=instance)

    @extend_schema(request=None, responses=DepartmentSerializer)
    @action(detail=True, methods=["post"])
    def disable(self, request: Request, pk: str) -> Response:
        department = services.disable_department(actor=request.user, department=self.get_object())
        return Response(self._read(department.id))

    @extend_schema(request=None, responses=DepartmentSerializer)
    @action(detail=True, methods=["post"])
    def enable(self, request: Request, pk: str) -> Response:
        department = services.enable_department(actor=request.user, department=self.get_object())
        return Response(self._read(department.id))

    @extend_schema(responses=DepartmentTreeNodeSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None, filterset_class=None)
    def tree(self, request: Request) -> Response:
        return Response(department_tree(self.get_queryset().order_by("path")))

    @extend_schema(responses=DepartmentMemberSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def members(self, request: Request, pk: str) -> Response:
        department = self.get_object()
        memberships = (
            Membership.objects.visible_to(request.user)
            .filter(department=department, ended_at__isnull=True)
            .select_related("person")
            .order_by("person__display_name")
        )
        return Response(DepartmentMemberSerializer(memberships, many=True).data)

    def _read(self, department_id: int) -> Any:
        # Not `get_queryset()`: the viewer's scope was resolved before a unit they just created existed.
        return DepartmentSerializer(self.base_queryset().get(id=department_id)).data

    def _check_parent_visible(self, parent: Department | None) -> None:
        # A parent out of scope answers like a missing one.
        if parent is not None and not self.get_queryset().filter(id=parent.id).exists():
            raise ValidationFailed("上级部门不存在", fields={"parent": ["上级部门不存在"]})

    def _check_manager_visible(self, manager: Any) -> None:
        # Only people the viewer may see can be made a unit's manager; others "do not exist".
        people = get_user_model().objects
        if manager is not None and not people.visible_to(self.request.user).filter(id=manager.id).exists():
            raise ValidationFailed("负责人不存在", fields={"manager": ["负责人不存在"]})
