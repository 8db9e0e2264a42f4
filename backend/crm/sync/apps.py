from django.apps import AppConfig


class SyncConfig(AppConfig):
    name = "crm.sync"
    label = "sync"
    verbose_name = "数据同步"

    def ready(self) -> None:
        from crm.core.views import register_health_report
        from crm.sync import permissions  # noqa: F401  registers the codes
        from crm.sync.selectors import backlog

        register_health_report("sync", backlog)
