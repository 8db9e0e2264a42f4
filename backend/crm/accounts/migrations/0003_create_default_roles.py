from django.db import migrations

from crm.accounts.defaults import create_missing_default_roles


def create_default_roles(apps, schema_editor):  # type: ignore[no-untyped-def]
    create_missing_default_roles(apps.get_model("accounts", "Role"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_link_users_to_departments_and_roles")]
    operations = [migrations.RunPython(create_default_roles, migrations.RunPython.noop)]
