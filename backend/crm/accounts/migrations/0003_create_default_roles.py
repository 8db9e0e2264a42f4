from django.db import migrations

from crm.accounts.defaults import DEFAULT_ROLES


def create_default_roles(apps, schema_editor):  # type: ignore[no-untyped-def]
    Role = apps.get_model("accounts", "Role")
    for role in DEFAULT_ROLES:
        Role.objects.get_or_create(code=role["code"], defaults={**role, "is_system": True})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_link_users_to_departments_and_roles")]
    operations = [migrations.RunPython(create_default_roles, migrations.RunPython.noop)]
