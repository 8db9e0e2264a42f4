from rest_framework.routers import SimpleRouter

from crm.org.views import DepartmentViewSet

router = SimpleRouter()
router.register("departments", DepartmentViewSet, basename="department")
urlpatterns = router.urls
