from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "crm.accounts"
    label = "accounts"
    verbose_name = "账户与权限"

    def ready(self) -> None:
        from crm.accounts import permissions  # noqa: F401  registers the codes
