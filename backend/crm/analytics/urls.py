from django.urls import path
from rest_framework.routers import SimpleRouter

from crm.analytics import views

router = SimpleRouter()
router.register("exports", views.ExportViewSet, basename="export")
router.register("performance-reports", views.PerformanceReportViewSet, basename="performance-report")

urlpatterns = [
    *router.urls,
    path("statistics/dashboard", views.DashboardView.as_view(), name="statistics-dashboard"),
    path("statistics/performance", views.PerformanceView.as_view(), name="statistics-performance"),
    path("statistics/breakdown", views.BreakdownView.as_view(), name="statistics-breakdown"),
    path("statistics/rankings", views.RankingView.as_view(), name="statistics-rankings"),
    path("statistics/products", views.ProductsView.as_view(), name="statistics-products"),
    path("statistics/customers", views.CustomerValueView.as_view(), name="statistics-customers"),
    path("statistics/churn", views.ChurnView.as_view(), name="statistics-churn"),
]
