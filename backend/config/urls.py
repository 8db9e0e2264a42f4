from django.urls import URLPattern, URLResolver, include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from crm.core.views import HealthView, single_page_app

api_v1: list[URLPattern | URLResolver] = [
    path("health", HealthView.as_view(), name="health"),
    path("", include("crm.accounts.urls")),
    path("", include("crm.org.urls")),
    path("", include("crm.dictionary.urls")),
    path("", include("crm.audit.urls")),
    path("", include("crm.customers.urls")),
    path("", include("crm.commerce.urls")),
    path("", include("crm.sync.urls")),
    path("", include("crm.analytics.urls")),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    re_path(r"^(?!api/|static/).*$", single_page_app, name="spa"),
]
