from django.apps import AppConfig


class DictionaryConfig(AppConfig):
    name = "crm.dictionary"
    label = "dictionary"
    verbose_name = "数据字典"

    def ready(self) -> None:
        from crm.dictionary import permissions  # noqa: F401  registers the codes
