from django.urls import path
from rest_framework.routers import SimpleRouter

from crm.dictionary import views

router = SimpleRouter()
router.register("dictionary/entries", views.DictionaryEntryViewSet, basename="dictionary-entry")

urlpatterns = [
    path("dictionary/types/", views.DictionaryTypeView.as_view(), name="dictionary-types"),
    path("parameters/", views.ParameterListView.as_view(), name="parameter-list"),
    path("parameters/<str:key>/", views.ParameterDetailView.as_view(), name="parameter-detail"),
    *router.urls,
]
