import django_filters
from django.db.models import Q, QuerySet

from crm.accounts.models import User


class UserFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", label="用户名或姓名")
    department = django_filters.NumberFilter(field_name="department_id")
    role = django_filters.NumberFilter(field_name="roles__id")
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = User
        fields = ["search", "department", "role", "is_active"]

    def filter_search(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return queryset.filter(
            Q(username__icontains=value) | Q(display_name__icontains=value) | Q(email__icontains=value)
        )
