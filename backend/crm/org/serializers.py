from typing import Any

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crm.core.serializers import ModelSerializer
from crm.org.models import Department, DepartmentKind, Membership


class DepartmentSerializer(ModelSerializer):
    parent_name = serializers.CharField(source="parent.name", read_only=True, default="")
    manager_name = serializers.CharField(source="manager.display_name", read_only=True, default="")
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Department
        fields = [
            "id",
            "name",
            "kind",
            "description",
            "parent",
            "parent_name",
            "manager",
            "manager_name",
            "status",
            "member_count",
            "created_at",
        ]
        read_only_fields = ["status", "created_at"]


class DepartmentWriteSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=100)
    kind = serializers.ChoiceField(choices=DepartmentKind.choices)
    description = serializers.CharField(required=False, allow_blank=True)
    parent = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Department.objects.all(), allow_null=True
    )
    manager = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.all(), allow_null=True, required=False, default=None
    )


@extend_schema_field({"type": "array", "items": {"$ref": "#/components/schemas/DepartmentTreeNode"}})
class DepartmentTreeChildrenField(serializers.ListField):
    """The units below a tree node, each a tree node itself."""


class DepartmentTreeNodeSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=DepartmentKind.choices)
    status = serializers.CharField()
    parent = serializers.IntegerField(allow_null=True)  # type: ignore[assignment]
    manager_name = serializers.CharField()
    member_count = serializers.IntegerField()
    children = DepartmentTreeChildrenField()


class DepartmentMemberSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="person.id")
    username = serializers.CharField(source="person.username")
    display_name = serializers.CharField(source="person.display_name")
    started_at = serializers.DateTimeField()


class MembershipSerializer(ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True)
    actor_name = serializers.SerializerMethodField()

    class Meta:
        model = Membership
        fields = ["id", "department", "department_name", "started_at", "ended_at", "reason", "actor_name"]

    def get_actor_name(self, membership: Membership) -> str:
        return str(membership.actor) if membership.actor else ""
