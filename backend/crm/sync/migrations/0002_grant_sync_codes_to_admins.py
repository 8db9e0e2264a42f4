from django.db import migrations

from crm.accounts.defaults import grant_default_codes

CODES = ["sync.view_sync", "sync.manage_sync"]


def grant(apps, schema_editor):  # type: ignore[no-untyped-def]
    # DESIGN: apps add their codes to the default roles in their own migrations.
    grant_default_codes(apps.get_model("accounts", "Role"), {"admin": CODES})


class Migration(migrations.Migration):
    dependencies = [("sync", "0001_create_sync_runs_and_mall_events"), ("accounts", "0003_create_default_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
