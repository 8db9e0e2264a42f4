from django.urls import path
from rest_framework.routers import SimpleRouter

from crm.accounts import views

router = SimpleRouter()
router.register("users", views.UserViewSet, basename="user")
router.register("roles", views.RoleViewSet, basename="role")
router.register("notifications", views.NotificationViewSet, basename="notification")

urlpatterns = [
    path("auth/csrf", views.CsrfView.as_view(), name="auth-csrf"),
    path("auth/login", views.LoginView.as_view(), name="auth-login"),
    path("auth/logout", views.LogoutView.as_view(), name="auth-logout"),
    path("auth/me", views.MeView.as_view(), name="auth-me"),
    path("auth/password", views.PasswordChangeView.as_view(), name="auth-password"),
    path("auth/password-policy", views.PasswordPolicyView.as_view(), name="auth-password-policy"),
    path("permissions/", views.PermissionCatalogueView.as_view(), name="permission-catalogue"),
    *router.urls,
]
