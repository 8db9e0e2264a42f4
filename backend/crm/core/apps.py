from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "crm.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        from crm.core import lookups, schema  # noqa: F401  register the any_of lookup, the OpenAPI extension
