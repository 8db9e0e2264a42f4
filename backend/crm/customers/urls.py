from rest_framework.routers import SimpleRouter

from crm.customers import views

router = SimpleRouter()
router.register("customers", views.CustomerViewSet, basename="customer")
router.register("customer-pool", views.CustomerPoolViewSet, basename="customer-pool")

urlpatterns = router.urls
