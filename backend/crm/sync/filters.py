import django_filters

from crm.sync.models import EventStatus, MallEvent, SyncRun, SyncRunKind, SyncRunOutcome


class SyncRunFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=SyncRunKind.choices)
    outcome = django_filters.ChoiceFilter(choices=SyncRunOutcome.choices)
    since = django_filters.IsoDateTimeFilter(field_name="started_at", lookup_expr="gte")
    until = django_filters.IsoDateTimeFilter(field_name="started_at", lookup_expr="lt")

    class Meta:
        model = SyncRun
        fields = ["kind", "outcome", "since", "until"]


class MallEventFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=EventStatus.choices)
    type = django_filters.CharFilter()
    event_id = django_filters.CharFilter(lookup_expr="icontains")
    run = django_filters.NumberFilter(field_name="run_id")
    waits_for = django_filters.CharFilter(lookup_expr="icontains")
    since = django_filters.IsoDateTimeFilter(field_name="received_at", lookup_expr="gte")
    until = django_filters.IsoDateTimeFilter(field_name="received_at", lookup_expr="lt")

    class Meta:
        model = MallEvent
        fields = ["status", "type", "event_id", "run", "waits_for", "since", "until"]
