from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "crm.org"
    label = "org"
    verbose_name = "组织"

    def ready(self) -> None:
        from crm.org import permissions  # noqa: F401  registers the codes
