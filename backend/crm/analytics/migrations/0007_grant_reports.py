from django.db import migrations

from crm.accounts.defaults import grant_default_codes

GRANTS = {role: ["analytics.manage_report"] for role in ("admin", "executive", "department_manager")}


def grant(apps, schema_editor):  # type: ignore[no-untyped-def]
    grant_default_codes(apps.get_model("accounts", "Role"), GRANTS)


class Migration(migrations.Migration):
    dependencies = [("analytics", "0006_create_performance_reports"), ("accounts", "0003_create_default_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
