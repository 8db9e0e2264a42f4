from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "crm.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        from crm.core import schema  # noqa: F401  registers the OpenAPI extension
