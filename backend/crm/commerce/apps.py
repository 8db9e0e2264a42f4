from django.apps import AppConfig


class CommerceConfig(AppConfig):
    name = "crm.commerce"
    label = "commerce"
    verbose_name = "商城数据"

    def ready(self) -> None:
        from crm.commerce import permissions  # noqa: F401  registers the codes
        from crm.commerce.models import Order
        from crm.customers.owner_copies import register_owner_copy

        register_owner_copy(Order, owner_field="customer_owner")
