from django.db import migrations

from crm.dictionary.catalogue import create_missing_default_entries


def load_new_default_entries(apps, schema_editor):  # type: ignore[no-untyped-def]
    # Entries added to the catalogue later (the automatic pool return's reason); existing
    # entries are left as the admins keep them.
    create_missing_default_entries(apps.get_model("dictionary", "DictionaryEntry"))


class Migration(migrations.Migration):
    dependencies = [("dictionary", "0002_load_default_entries")]
    operations = [migrations.RunPython(load_new_default_entries, migrations.RunPython.noop)]
