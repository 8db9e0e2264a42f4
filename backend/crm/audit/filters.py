import django_filters
from django.db.models import Q, QuerySet

from crm.audit.models import AuditEvent


class AuditEventFilter(django_filters.FilterSet):
    action = django_filters.CharFilter()
    actor = django_filters.NumberFilter(field_name="actor_id")
    target_type = django_filters.CharFilter()
    target_id = django_filters.CharFilter()
    since = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    until = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    search = django_filters.CharFilter(method="filter_search", label="操作人或对象")

    class Meta:
        model = AuditEvent
        fields = ["action", "actor", "target_type", "target_id", "since", "until", "search"]

    def filter_search(self, queryset: QuerySet[AuditEvent], name: str, value: str) -> QuerySet[AuditEvent]:
        matches = Q(actor_name__icontains=value) | Q(target_label__icontains=value)
        if _looks_like_ip(value):
            matches |= Q(ip_address=value)
        return queryset.filter(matches)


def _looks_like_ip(value: str) -> bool:
    return value.count(".") == 3 and all(part.isdigit() for part in value.split("."))
