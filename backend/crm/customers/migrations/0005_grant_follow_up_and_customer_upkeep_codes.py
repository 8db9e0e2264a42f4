from django.db import migrations

from crm.accounts.defaults import grant_default_codes

# Who logs follow-ups and keeps customer records (profiles, contacts, entry, import).
CODES = ["customers.follow_up_customer", "customers.manage_customer"]
GRANTS = {role: CODES for role in ("admin", "department_manager", "supervisor", "sales_rep")}


def grant(apps, schema_editor):  # type: ignore[no-untyped-def]
    grant_default_codes(apps.get_model("accounts", "Role"), GRANTS)


class Migration(migrations.Migration):
    dependencies = [("customers", "0004_create_follow_ups_and_contacts"), ("accounts", "0003_create_default_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
