from rest_framework.routers import SimpleRouter

from crm.customers import views

router = SimpleRouter()
router.register("customers", views.CustomerViewSet, basename="customer")
router.register("customer-pool", views.CustomerPoolViewSet, basename="customer-pool")
router.register("follow-ups", views.FollowUpViewSet, basename="follow-up")
router.register("contacts", views.ContactViewSet, basename="contact")
router.register("churn-cases", views.ChurnCaseViewSet, basename="churn-case")

urlpatterns = router.urls
