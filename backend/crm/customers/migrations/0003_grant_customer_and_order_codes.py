from django.db import migrations

from crm.accounts.defaults import grant_default_codes

# DESIGN.md's default roles: who reads customers and orders, who assigns, who claims.
GRANTS = {
    "admin": ["customers.view_customer", "customers.assign_customer", "commerce.view_order"],
    "executive": ["customers.view_customer", "commerce.view_order"],
    "department_manager": [
        "customers.view_customer",
        "customers.assign_customer",
        "customers.claim_customer",
        "commerce.view_order",
    ],
    "supervisor": [
        "customers.view_customer",
        "customers.assign_customer",
        "customers.claim_customer",
        "commerce.view_order",
    ],
    "sales_rep": ["customers.view_customer", "customers.claim_customer", "commerce.view_order"],
    "after_sales": ["customers.view_customer", "commerce.view_order"],
}


def grant(apps, schema_editor):  # type: ignore[no-untyped-def]
    grant_default_codes(apps.get_model("accounts", "Role"), GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0002_track_purchases_sources_and_period_ends"),
        ("accounts", "0003_create_default_roles"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
