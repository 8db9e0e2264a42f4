from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "crm.analytics"
    label = "analytics"
    verbose_name = "统计与导出"

    def ready(self) -> None:
        from crm.analytics import permissions  # noqa: F401  registers the audit actions
        from crm.analytics.models import CustomerSalesDay
        from crm.customers.owner_copies import register_owner_copy

        register_owner_copy(CustomerSalesDay, owner_field="owner")
