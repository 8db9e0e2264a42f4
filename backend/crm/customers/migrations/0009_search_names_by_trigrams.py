from django.db import migrations

# Name search is `UPPER(name) LIKE UPPER('%…%')` (Django's icontains). On PostgreSQL a
# trigram index over that expression answers it without reading every customer, for
# terms of three characters or more; SQLite (the embedded default, small books) scans.
INDEXES = [
    ("customer_company_name_trigrams", "customers_customer", "company_name"),
    ("customer_contact_name_trigrams", "customers_customer", "contact_name"),
]


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("customers", "0008_create_customer_tags")]
    operations = [migrations.RunPython(create, drop)]
