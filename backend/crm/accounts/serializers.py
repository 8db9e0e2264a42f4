from typing import Any

from rest_framework import serializers

from crm.accounts.models import Notification, Role, User
from crm.core.scope import DataScope
from crm.core.serializers import ModelSerializer
from crm.org.models import Department, DepartmentKind


class LoginSerializer(serializers.Serializer[Any]):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=256, trim_whitespace=False)


class PasswordChangeSerializer(serializers.Serializer[Any]):
    old_password = serializers.CharField(max_length=256, trim_whitespace=False)
    new_password = serializers.CharField(max_length=256, trim_whitespace=False)


class PasswordResetSerializer(serializers.Serializer[Any]):
    new_password = serializers.CharField(max_length=256, trim_whitespace=False)


class PasswordPolicySerializer(serializers.Serializer[Any]):
    min_length = serializers.IntegerField()
    require_letter = serializers.BooleanField()
    require_digit = serializers.BooleanField()
    require_special = serializers.BooleanField()


class CsrfSerializer(serializers.Serializer[Any]):
    csrf_token = serializers.CharField()


class DepartmentBriefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=DepartmentKind.choices)


class RoleBriefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class MeSerializer(serializers.Serializer[Any]):
    """The logged-in person: who they are and what the UI may offer them."""

    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    email = serializers.CharField()
    department = DepartmentBriefSerializer(allow_null=True)
    roles = RoleBriefSerializer(many=True, source="roles.all")
    permissions = serializers.SerializerMethodField()
    field_permissions = serializers.SerializerMethodField()
    data_scope = serializers.SerializerMethodField()
    invite_code = serializers.CharField()

    def get_permissions(self, user: User) -> list[str]:
        return sorted(user.permission_codes())

    def get_field_permissions(self, user: User) -> list[str]:
        return sorted(user.field_permission_codes())

    def get_data_scope(self, user: User) -> str:
        return user.widest_data_scope()


class UserSerializer(ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True, default="")
    role_names = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "display_name",
            "email",
            "department",
            "department_name",
            "roles",
            "role_names",
            "invite_code",
            "is_active",
            "last_login",
            "date_joined",
        ]
        read_only_fields = fields

    def get_role_names(self, user: User) -> list[str]:
        return [role.name for role in user.roles.all()]


class UserCreateSerializer(serializers.Serializer[Any]):
    username = serializers.RegexField(r"^[A-Za-z0-9_.@-]{3,150}$", help_text="字母、数字和 _ . @ -，3 到 150 位")
    display_name = serializers.CharField(max_length=100)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all())
    roles = serializers.PrimaryKeyRelatedField(queryset=Role.objects.all(), many=True)
    password = serializers.CharField(max_length=256, trim_whitespace=False)


class UserUpdateSerializer(serializers.Serializer[Any]):
    display_name = serializers.CharField(max_length=100, required=False)
    email = serializers.EmailField(required=False, allow_blank=True)
    roles = serializers.PrimaryKeyRelatedField(queryset=Role.objects.all(), many=True, required=False)


class UserMoveSerializer(serializers.Serializer[Any]):
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all())
    reason = serializers.CharField(max_length=255)


class RoleSerializer(ModelSerializer):
    user_count = serializers.IntegerField(read_only=True)
    permissions = serializers.ListField(child=serializers.CharField())
    field_permissions = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Role
        fields = [
            "id",
            "code",
            "name",
            "description",
            "permissions",
            "data_scope",
            "scope_departments",
            "field_permissions",
            "is_system",
            "user_count",
        ]
        read_only_fields = ["is_system", "user_count"]


class RoleWriteSerializer(serializers.Serializer[Any]):
    code = serializers.SlugField(max_length=64)
    name = serializers.CharField(max_length=100)
    description = serializers.CharField(required=False, allow_blank=True)
    permissions = serializers.ListField(child=serializers.CharField(), default=list)
    data_scope = serializers.ChoiceField(choices=DataScope.choices)
    scope_departments = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(), many=True, required=False, default=list
    )
    field_permissions = serializers.ListField(child=serializers.CharField(), default=list)


class CatalogueEntrySerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()


class PermissionEntrySerializer(CatalogueEntrySerializer):
    group = serializers.CharField()


class PermissionCatalogueSerializer(serializers.Serializer[Any]):
    permissions = PermissionEntrySerializer(many=True)
    field_permissions = CatalogueEntrySerializer(many=True)
    data_scopes = CatalogueEntrySerializer(many=True)


class NotificationSerializer(ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "title", "body", "link", "created_at", "read_at"]


class NotificationReadSerializer(serializers.Serializer[Any]):
    ids = serializers.ListField(child=serializers.IntegerField(), required=False, max_length=1000)


class NotificationReadResultSerializer(serializers.Serializer[Any]):
    marked = serializers.IntegerField()
    unread = serializers.IntegerField()
