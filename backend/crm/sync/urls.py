from django.urls import path
from rest_framework.routers import SimpleRouter

from crm.sync.views import MallEventsView, MallEventViewSet, SyncRunViewSet

router = SimpleRouter()
router.register("sync/runs", SyncRunViewSet, basename="sync-run")
router.register("sync/events", MallEventViewSet, basename="sync-event")

urlpatterns = [
    path("mall/events", MallEventsView.as_view(), name="mall-events"),
    *router.urls,
]
