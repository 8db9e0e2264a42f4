import uuid

from django.db import migrations, models


def create_the_row(apps, schema_editor):
    apps.get_model("core", "GrantsVersion").objects.create(id=1, token=uuid.uuid4().hex)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_create_changed_days")]

    operations = [
        migrations.CreateModel(
            name="GrantsVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=32)),
            ],
        ),
        migrations.RunPython(create_the_row, migrations.RunPython.noop),
    ]
