from django.db import migrations

from crm.accounts.defaults import grant_default_codes

GRANTS = {role: ["customers.confirm_churn"] for role in ("admin", "department_manager", "supervisor")}


def grant(apps, schema_editor):  # type: ignore[no-untyped-def]
    grant_default_codes(apps.get_model("accounts", "Role"), GRANTS)


class Migration(migrations.Migration):
    dependencies = [("customers", "0006_create_churn_cases"), ("accounts", "0003_create_default_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
