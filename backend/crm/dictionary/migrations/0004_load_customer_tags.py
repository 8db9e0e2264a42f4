from django.db import migrations

from crm.dictionary.catalogue import create_missing_default_entries


def load_customer_tags(apps, schema_editor):  # type: ignore[no-untyped-def]
    # The customer_tag list joined the catalogue after 0003 ran on existing databases.
    create_missing_default_entries(apps.get_model("dictionary", "DictionaryEntry"))


class Migration(migrations.Migration):
    dependencies = [("dictionary", "0003_load_entries_added_since")]
    operations = [migrations.RunPython(load_customer_tags, migrations.RunPython.noop)]
