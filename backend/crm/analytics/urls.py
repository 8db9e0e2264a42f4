from rest_framework.routers import SimpleRouter

from crm.analytics import views

router = SimpleRouter()
router.register("exports", views.ExportViewSet, basename="export")

urlpatterns = router.urls
