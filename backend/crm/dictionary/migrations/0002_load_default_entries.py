from django.db import migrations

from crm.dictionary.catalogue import create_missing_default_entries


def load_default_entries(apps, schema_editor):  # type: ignore[no-untyped-def]
    create_missing_default_entries(apps.get_model("dictionary", "DictionaryEntry"))


class Migration(migrations.Migration):
    dependencies = [("dictionary", "0001_create_dictionary_and_parameters")]
    operations = [migrations.RunPython(load_default_entries, migrations.RunPython.noop)]
