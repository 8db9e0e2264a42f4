from typing import Any

from django.contrib.auth import update_session_auth_hash
from django.db.models import Count, QuerySet
from django.middleware.csrf import get_token
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from crm.accounts import lockout, notifications, services
from crm.accounts.filters import UserFilter
from crm.accounts.models import Notification, Role, User, UserQuerySet
from crm.accounts.passwords import password_policy
from crm.accounts.permissions import MANAGE_ROLE, MANAGE_USER, VIEW_USER
from crm.accounts.serializers import (
    CsrfSerializer,
    LoginSerializer,
    MeSerializer,
    NotificationReadResultSerializer,
    NotificationReadSerializer,
    NotificationSerializer,
    PasswordChangeSerializer,
    PasswordPolicySerializer,
    PasswordResetSerializer,
    PermissionCatalogueSerializer,
    RoleSerializer,
    RoleWriteSerializer,
    UserCreateSerializer,
    UserMoveSerializer,
    UserSerializer,
    UserUpdateSerializer,
)
from crm.core.api import ScopedViewSet, UnscopedAPIView, UnscopedViewSet
from crm.core.permissions import ANY_LOGGED_IN, field_permission_catalogue, permission_catalogue
from crm.core.scope import DATA_SCOPE_ENGLISH, DataScope
from crm.org.models import Membership
from crm.org.serializers import MembershipSerializer


def acting_user(request: Request) -> User:
    """The logged-in person making the request (the permission classes ensured one)."""
    user = request.user
    assert isinstance(user, User)
    return user


def _me(user: User) -> dict[str, Any]:
    # The person as the request read them, not read again: their grants are kept under
    # the token they were read with (`crm.core.grants`); a second read would lose it.
    return dict(MeSerializer(user).data)


class CsrfView(UnscopedAPIView):
    scope_exempt_reason = "hands out the CSRF cookie before login"
    permission_classes = [AllowAny]

    @extend_schema(responses=CsrfSerializer)
    def get(self, request: Request) -> Response:
        return Response({"csrf_token": get_token(request)})


@method_decorator(sensitive_post_parameters("password"), name="dispatch")
@method_decorator(csrf_protect, name="dispatch")
class LoginView(UnscopedAPIView):
    scope_exempt_reason = "authenticates; shows only the person logging in"
    permission_classes = [AllowAny]
    # Throttled per address before any password is hashed.
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    @extend_schema(request=LoginSerializer, responses=MeSerializer)
    def post(self, request: Request) -> Response:
        serializer = LoginSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = lockout.log_in(request=request._request, **serializer.validated_data)
        return Response(_me(user))


class LogoutView(UnscopedAPIView):
    scope_exempt_reason = "ends the caller's own session"
    permission_classes = [AllowAny]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        lockout.log_out(request=request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(UnscopedAPIView):
    scope_exempt_reason = "shows only the caller"
    read_permission = ANY_LOGGED_IN

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        return Response(_me(acting_user(request)))


@method_decorator(sensitive_post_parameters("old_password", "new_password"), name="dispatch")
class PasswordChangeView(UnscopedAPIView):
    scope_exempt_reason = "changes only the caller's own password"
    write_permission = ANY_LOGGED_IN

    @extend_schema(request=PasswordChangeSerializer, responses={204: None})
    def post(self, request: Request) -> Response:
        serializer = PasswordChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.change_own_password(user=acting_user(request), **serializer.validated_data)
        # Other sessions end with the old password hash; this one continues.
        update_session_auth_hash(request._request, acting_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordPolicyView(UnscopedAPIView):
    scope_exempt_reason = "the password rule, public so forms can explain it"
    permission_classes = [AllowAny]

    @extend_schema(responses=PasswordPolicySerializer)
    def get(self, request: Request) -> Response:
        return Response(password_policy())


class PermissionCatalogueView(UnscopedAPIView):
    scope_exempt_reason = "the catalogue of permission codes, not business data"
    read_permission = ANY_LOGGED_IN

    @extend_schema(responses=PermissionCatalogueSerializer)
    def get(self, request: Request) -> Response:
        return Response(
            {
                "permissions": [vars(permission) for permission in permission_catalogue()],
                "field_permissions": [vars(field) for field in field_permission_catalogue()],
                "data_scopes": [
                    {"code": scope.value, "name": scope.label, "name_en": DATA_SCOPE_ENGLISH[scope]}
                    for scope in DataScope
                ],
            }
        )


# On `dispatch`: the decorator needs Django's HttpRequest, which an action never receives.
@method_decorator(sensitive_post_parameters("password", "new_password"), name="dispatch")
class UserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """The people in the viewer's scope; managers manage their own tree."""

    serializer_class = UserSerializer
    filterset_class = UserFilter
    ordering_fields = ["username", "display_name", "date_joined", "last_login", "is_active"]
    ordering = ["id"]
    read_permission = VIEW_USER
    write_permission = MANAGE_USER

    def base_queryset(self) -> UserQuerySet:
        return User.objects.select_related("department").prefetch_related("roles")

    def _read(self, user: User) -> Any:
        return UserSerializer(self.base_queryset().get(id=user.id)).data

    @extend_schema(request=UserCreateSerializer, responses=UserSerializer)
    def create(self, request: Request) -> Response:
        serializer = UserCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.create_user(actor=acting_user(request), **serializer.validated_data)
        return Response(self._read(user), status=status.HTTP_201_CREATED)

    @extend_schema(request=UserUpdateSerializer, responses=UserSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        user = self.get_object()
        serializer = UserUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.update_user(actor=acting_user(request), user=user, **serializer.validated_data)
        return Response(self._read(user))

    @extend_schema(request=None, responses=UserSerializer)
    @action(detail=True, methods=["post"])
    def disable(self, request: Request, pk: str) -> Response:
        return Response(self._read(services.disable_user(actor=acting_user(request), user=self.get_object())))

    @extend_schema(request=None, responses=UserSerializer)
    @action(detail=True, methods=["post"])
    def enable(self, request: Request, pk: str) -> Response:
        return Response(self._read(services.enable_user(actor=acting_user(request), user=self.get_object())))

    @extend_schema(request=PasswordResetSerializer, responses={204: None})
    @action(detail=True, methods=["post"], url_path="reset-password")
    def reset_password(self, request: Request, pk: str) -> Response:
        user = self.get_object()
        serializer = PasswordResetSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.reset_password(actor=acting_user(request), user=user, **serializer.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=UserMoveSerializer, responses=UserSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str) -> Response:
        user = self.get_object()
        serializer = UserMoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.transfer_user(actor=acting_user(request), user=user, **serializer.validated_data)
        return Response(self._read(user))

    @extend_schema(request=None, responses=UserSerializer)
    @action(detail=True, methods=["post"], url_path="regenerate-invite-code")
    def regenerate_invite_code(self, request: Request, pk: str) -> Response:
        user = services.regenerate_invite_code(actor=acting_user(request), user=self.get_object())
        return Response(self._read(user))

    @extend_schema(responses=MembershipSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def memberships(self, request: Request, pk: str) -> Response:
        user = self.get_object()
        periods = Membership.objects.filter(person=user).select_related("department", "actor").order_by("-started_at")
        return Response(MembershipSerializer(periods, many=True).data)


class RoleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, UnscopedViewSet):
    """Roles are the organisation's definitions, not anyone's data: people who manage
    users read them to assign them; only role managers change them."""

    scope_exempt_reason = "role definitions belong to no customer or person"
    serializer_class = RoleSerializer
    read_permission = (MANAGE_ROLE, MANAGE_USER)
    write_permission = MANAGE_ROLE
    ordering_fields = ["id", "code", "name"]
    ordering = ["id"]

    def get_queryset(self) -> QuerySet[Role]:
        return Role.objects.prefetch_related("scope_departments").annotate(user_count=Count("users"))

    def _read(self, role: Role) -> Any:
        return RoleSerializer(self.get_queryset().get(id=role.id)).data

    @extend_schema(request=RoleWriteSerializer, responses=RoleSerializer)
    def create(self, request: Request) -> Response:
        serializer = RoleWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        role = services.create_role(actor=acting_user(request), **serializer.validated_data)
        return Response(self._read(role), status=status.HTTP_201_CREATED)

    @extend_schema(request=RoleWriteSerializer, responses=RoleSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        role = self.get_object()
        serializer = RoleWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        changes.pop("code", None)  # the code is the role's identity
        services.update_role(actor=acting_user(request), role=role, **changes)
        return Response(self._read(role))

    def perform_destroy(self, instance: Role) -> None:
        services.delete_role(actor=acting_user(self.request), role=instance)


class NotificationViewSet(mixins.ListModelMixin, UnscopedViewSet):
    """站内通知: the caller's own messages, newest first; `?unread=true` for the unread."""

    scope_exempt_reason = "shows only the caller's own notifications"
    queryset = Notification.objects.none()  # for the schema; get_queryset answers requests
    serializer_class = NotificationSerializer
    read_permission = ANY_LOGGED_IN
    write_permission = ANY_LOGGED_IN
    ordering = ["-created_at", "-id"]

    @extend_schema(parameters=[OpenApiParameter("unread", bool, description="只看未读")])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Notification]:
        mine = Notification.objects.filter(recipient=acting_user(self.request))
        if self.request.query_params.get("unread") == "true":
            mine = mine.filter(read_at__isnull=True)
        return mine

    @extend_schema(request=NotificationReadSerializer, responses=NotificationReadResultSerializer)
    @action(detail=False, methods=["post"], pagination_class=None)
    def read(self, request: Request) -> Response:
        """Mark these notifications (`ids`), or all of them, read."""
        serializer = NotificationReadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = acting_user(request)
        marked = notifications.mark_read(recipient=user, notification_ids=serializer.validated_data.get("ids"))
        unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        return Response({"marked": marked, "unread": unread})
