from django.urls import path

from crm.sync.views import MallEventsView

urlpatterns = [
    path("mall/events", MallEventsView.as_view(), name="mall-events"),
]
