from django.apps import AppConfig


class CommerceConfig(AppConfig):
    name = "crm.commerce"
    label = "commerce"
    verbose_name = "商城数据"
