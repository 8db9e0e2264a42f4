from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "crm.customers"
    label = "customers"
    verbose_name = "客户"

    def ready(self) -> None:
        from crm.customers import permissions  # noqa: F401  registers the codes
