from django.db import migrations

from crm.dictionary.catalogue import DEFAULT_ENTRIES


def load_default_entries(apps, schema_editor):  # type: ignore[no-untyped-def]
    DictionaryEntry = apps.get_model("dictionary", "DictionaryEntry")
    for order, (type_code, code, label, label_en) in enumerate(DEFAULT_ENTRIES):
        DictionaryEntry.objects.get_or_create(
            type=type_code, code=code, defaults={"label": label, "label_en": label_en, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("dictionary", "0001_create_dictionary_and_parameters")]
    operations = [migrations.RunPython(load_default_entries, migrations.RunPython.noop)]
