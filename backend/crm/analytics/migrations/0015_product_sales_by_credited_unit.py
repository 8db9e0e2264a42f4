from decimal import Decimal

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import DateField, F, Min, Sum, Value
from django.db.models.functions import Coalesce, Trunc


def sum_the_complete_months(apps, schema_editor):
    """The units' sales of the months already compacted (those before the first month held
    by day), then their quarters from the months and years from the quarters; a rebuild
    writes them too."""
    credited_model = apps.get_model("analytics", "CreditedProductSales")
    unit_model = apps.get_model("analytics", "UnitProductSales")
    first_by_day = credited_model.objects.filter(day__isnull=False).aggregate(first=Min("month"))["first"]
    months = credited_model.objects.filter(**({"month__lt": first_by_day} if first_by_day else {}))
    quote = schema_editor.connection.ops.quote_name
    table = quote(unit_model._meta.db_table)
    sources = [
        months.annotate(
            period_grain=Value("month"), period_start=F("month"), credited_unit=Coalesce("group_id", "department_id")
        ),
        *(
            unit_model.objects.filter(grain=parts).annotate(
                period_grain=Value(grain),
                period_start=Trunc("start", grain, output_field=DateField()),
                credited_unit=F("unit_id"),
            )
            for grain, parts in [("quarter", "month"), ("year", "quarter")]
        ),
    ]
    for rows in sources:
        grouped = (
            rows.values("period_grain", "period_start", "credited_unit", "product_id")
            .annotate(total_amount=Sum("sales_amount"), total_quantity=Sum("quantity"))
            .order_by()
        )
        sql, parameters = grouped.query.sql_with_params()
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (grain, start, unit_id, product_id, sales_amount, quantity) "
                "SELECT period_grain, period_start, credited_unit, product_id, total_amount, total_quantity "
                # A unit's rows of one piece together, as the rollup writes them.
                f"FROM ({sql}) source ORDER BY period_start, credited_unit, product_id",
                parameters,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0014_product_sales_by_calendar_period"),
        ("commerce", "0003_index_orders_by_credit_and_payment"),
        ("org", "0001_create_departments_and_memberships"),
    ]

    operations = [
        migrations.CreateModel(
            name="UnitProductSales",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sales_amount", models.DecimalField(decimal_places=2, default=Decimal("0.00"), max_digits=16)),
                ("quantity", models.PositiveBigIntegerField(default=0)),
                ("grain", models.CharField(max_length=8)),
                ("start", models.DateField()),
                (
                    "product",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="commerce.product",
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="org.department",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("grain", "start", "unit", "product"), name="unit_product_sales_key")
                ],
            },
        ),
        migrations.RunPython(sum_the_complete_months, migrations.RunPython.noop),
    ]
