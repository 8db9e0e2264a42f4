import django_filters
from django.db.models import Q, QuerySet

from crm.org.models import Department, DepartmentKind, DepartmentStatus


class DepartmentFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", label="名称或描述")
    kind = django_filters.ChoiceFilter(choices=DepartmentKind.choices)
    status = django_filters.ChoiceFilter(choices=DepartmentStatus.choices)
    manager = django_filters.NumberFilter(field_name="manager_id")
    manager_name = django_filters.CharFilter(field_name="manager__display_name", lookup_expr="icontains")
    parent = django_filters.NumberFilter(field_name="parent_id")

    class Meta:
        model = Department
        fields = ["search", "kind", "status", "manager", "manager_name", "parent"]

    def filter_search(self, queryset: QuerySet[Department], name: str, value: str) -> QuerySet[Department]:
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value))
