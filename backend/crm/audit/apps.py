from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "crm.audit"
    label = "audit"
    verbose_name = "操作日志"

    def ready(self) -> None:
        from crm.audit import permissions  # noqa: F401  registers the codes
