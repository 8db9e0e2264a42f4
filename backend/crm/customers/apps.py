from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "crm.customers"
    label = "customers"
    verbose_name = "客户"

    def ready(self) -> None:
        from crm.customers import permissions  # noqa: F401  registers the codes
        from crm.customers.models import ChurnCase
        from crm.customers.owner_copies import register_owner_copy

        register_owner_copy(ChurnCase, owner_field="owner")
