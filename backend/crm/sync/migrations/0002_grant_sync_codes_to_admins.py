from django.db import migrations

CODES = ["sync.view_sync", "sync.manage_sync"]


def grant(apps, schema_editor):  # type: ignore[no-untyped-def]
    # DESIGN: apps add their codes to the default roles in their own migrations.
    Role = apps.get_model("accounts", "Role")
    for role in Role.objects.filter(code="admin"):
        role.permissions = sorted(set(role.permissions) | set(CODES))
        role.save(update_fields=["permissions"])


class Migration(migrations.Migration):
    dependencies = [("sync", "0001_create_sync_runs_and_mall_events"), ("accounts", "0003_create_default_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
