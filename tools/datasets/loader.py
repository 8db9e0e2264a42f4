"""Loading a dataset: checks the database is empty, builds the organisation through the
ORM, then streams the generated history into the tables in one transaction, resets the
id sequences and (on PostgreSQL) runs ANALYZE."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import TypeVar

from crm.accounts.models import User
from crm.analytics.rollups import rebuild_rollups
from crm.commerce.models import Category, Order, OrderItem, OrderStatusChange, Product, StockSnapshot
from crm.commerce.services import recount_customer_activity
from crm.customers.models import Customer, Ownership
from crm.org.models import Department
from django.core.management.color import no_style
from django.db import connection, models, transaction

from tools.datasets import history
from tools.datasets.org import build_organisation
from tools.datasets.sinks import make_sink
from tools.datasets.sizes import SizeSpec
from tools.mall_simulator.catalogue import CATEGORIES

SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")
T = TypeVar("T")

COLUMNS: dict[type[models.Model], list[str]] = {
    Product: [
        "id",
        "mall_product_id",
        "name",
        "spec",
        "unit",
        "manufacturer",
        "price",
        "category_id",
        "mall_updated_at",
    ],
    Customer: [
        "id",
        "mall_customer_id",
        "company_name",
        "pharmacy_type",
        "contact_name",
        "phone",
        "phone_index",
        "phone_last_four",
        "email",
        "id_number",
        "business_license_no",
        "province",
        "city",
        "district",
        "address",
        "registered_at",
        "last_login_at",
        "owner_id",
        "last_order_at",
        "first_purchase_at",
        "last_purchase_at",
        "last_follow_up_at",
        "next_follow_up_on",
        "source",
        "created_by_id",
        "field_times",
        "created_at",
        "updated_at",
    ],
    Ownership: [
        "id",
        "customer_id",
        "owner_id",
        "started_at",
        "ended_at",
        "source",
        "reason_code",
        "reason",
        "actor_id",
        "end_reason_code",
        "end_reason",
        "ended_by_id",
    ],
    Order: [
        "id",
        "mall_order_id",
        "customer_id",
        "created_at",
        "status",
        "payment_method",
        "discount_amount",
        "freight_amount",
        "total_amount",
        "paid_at",
        "shipped_at",
        "completed_at",
        "cancelled_at",
        "credited_rep_id",
        "credited_group_id",
        "credited_department_id",
        "customer_owner_id",
        "recorded_at",
        "updated_at",
    ],
    OrderItem: ["id", "order_id", "product_id", "product_name", "spec", "quantity", "unit_price", "amount"],
    OrderStatusChange: ["id", "order_id", "status", "changed_at", "reason", "payment_method", "recorded_at"],
    StockSnapshot: ["id", "product_id", "quantity", "as_of"],
}


class DatasetRefused(Exception):
    """The database is not empty: a dataset is a whole history, never merged into another."""


@dataclass
class LoadReport:
    spec: SizeSpec
    start: datetime
    end: datetime
    # (table, rows, seconds generating in Python, seconds in the database)
    tables: list[tuple[str, int, float, float]] = field(default_factory=list)
    seconds: float = 0.0
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    moved_reps: int = 0
    reassigned_customers: int = 0


def _timed(iterator: Iterator[T], clock: list[float]) -> Iterator[T]:
    """Yields from `iterator`, adding the time spent producing each value to clock[0]."""
    while True:
        started = time.perf_counter()
        try:
            value = next(iterator)
        except StopIteration:
            clock[0] += time.perf_counter() - started
            return
        clock[0] += time.perf_counter() - started
        yield value


def check_empty() -> None:
    busy = [
        model._meta.verbose_name
        for model in (Customer, Order, Product, Category, Ownership, StockSnapshot, User, Department)
        if model.objects.exists()
    ]
    if busy:
        raise DatasetRefused(
            f"The database already holds data ({', '.join(str(name) for name in busy)}). load_dataset writes a "
            "whole history into an empty database: create a new one and run `manage.py migrate` first."
        )


def _check_columns() -> None:
    for model, columns in COLUMNS.items():
        actual = {model_field.column for model_field in model._meta.concrete_fields}
        if set(columns) != actual:
            changed = sorted(str(column) for column in actual ^ set(columns))
            raise RuntimeError(f"{model._meta.db_table}: the model's columns changed ({changed})")


def load_dataset(
    spec: SizeSpec,
    *,
    seed: int = 7,
    years: int = 3,
    end: date = date(2026, 11, 1),
    out: Callable[[str], None] = print,
) -> LoadReport:
    """Load `spec` over the `years` (of 365 days) before `end` (midnight, Shanghai)."""
    _check_columns()
    check_empty()
    started = time.perf_counter()
    end_at = datetime(end.year, end.month, end.day, tzinfo=SHANGHAI)
    end_s = int(end_at.timestamp())
    start_s = end_s - years * 365 * history.DAY
    report = LoadReport(spec, datetime.fromtimestamp(start_s, SHANGHAI), end_at)
    rng = random.Random(seed)
    clock = history.Clock(start_s - 800 * history.DAY, end_s + history.DAY)
    postgres = connection.vendor == "postgresql"

    with transaction.atomic():
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
                cursor.execute("SET LOCAL TIME ZONE 'UTC'")
                # Foreign keys are checked at the end of each COPY, not all at commit.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        step = time.perf_counter()
        org = build_organisation(
            rng,
            reps=spec.reps,
            regions=spec.regions,
            after_sales=spec.after_sales,
            executives=spec.executives,
            start=start_s,
            end=end_s,
        )
        report.logins, report.moved_reps = org.logins, org.moved_reps
        report.tables.append(
            (
                "org (departments, users, memberships)",
                org.users + org.departments + org.memberships,
                time.perf_counter() - step,
                0.0,
            )
        )
        out(f"organisation: {org.departments} units, {org.users} people, {org.moved_reps} reps moved group")

        step = time.perf_counter()
        category_ids: dict[str, int] = {}
        for code, (name, parent_code) in CATEGORIES.items():
            parent_id = category_ids[parent_code] if parent_code else None
            category = Category.objects.create(code=code, name=name, parent_id=parent_id, mall_updated_at=report.start)
            category_ids[code] = category.id
        report.tables.append((Category._meta.db_table, len(category_ids), time.perf_counter() - step, 0.0))

        sink = make_sink()
        null = sink.null
        generated: dict[type[models.Model], list[float]] = {model: [0.0] for model in COLUMNS}

        def write(model: type[models.Model], rows: list[history.Row]) -> None:
            sink.write(model._meta.db_table, COLUMNS[model], rows)

        step = time.perf_counter()
        catalogue = history.generate_catalogue(
            rng, count=spec.products, category_ids=category_ids, at=clock.format(start_s)
        )
        generated[Product][0] += time.perf_counter() - step
        write(Product, catalogue.rows)

        step = time.perf_counter()
        customers, customer_rows, ownership_rows = history.generate_customers(
            rng, count=spec.customers, start=start_s, end=end_s, org=org, clock=clock, null=null
        )
        generated[Customer][0] += time.perf_counter() - step
        report.reassigned_customers = sum(1 for moment in customers.reassigned_at if moment != history.NEVER)
        for rows in _timed(customer_rows, generated[Customer]):
            write(Customer, rows)
        for rows in _timed(ownership_rows, generated[Ownership]):
            write(Ownership, rows)
        out(f"customers: {spec.customers:,} queued ({report.reassigned_customers:,} reassigned once)")

        day_count = (end_s - start_s) // history.DAY
        tenth = max(1, day_count // 10)

        def progress(day: int) -> None:
            if day and day % tenth == 0:
                out(f"orders: {100 * day // day_count}% of the days ({time.perf_counter() - started:.0f} s)")

        order_clock = [0.0]
        chunks = history.generate_orders(
            rng,
            count=spec.orders,
            start=start_s,
            end=end_s,
            customers=customers,
            catalogue=catalogue,
            org=org,
            clock=clock,
            null=null,
            on_day=progress,
        )
        for chunk in _timed(chunks, order_clock):
            write(Order, chunk.orders)
            write(OrderItem, chunk.items)
            write(OrderStatusChange, chunk.changes)
        generated[Order][0] += order_clock[0]

        stock = history.generate_stock(
            rng,
            catalogue=catalogue,
            start=start_s,
            end=end_s,
            daily_products=spec.daily_stock_products,
            expected_lines=int(spec.orders * 2.5),
            clock=clock,
        )
        for rows in _timed(stock, generated[StockSnapshot]):
            write(StockSnapshot, rows)
        sink.finish()

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(COLUMNS)):
                cursor.execute(sql)
            if postgres:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    for model in COLUMNS:
        table = model._meta.db_table
        label = table + (" (generating orders, items and status changes)" if model is Order else "")
        report.tables.append((label, sink.rows[table], generated[model][0], sink.seconds[table]))
    step = time.perf_counter()
    recount_customer_activity()
    report.tables.append(("customers: latest order and purchase", 0, 0.0, time.perf_counter() - step))
    step = time.perf_counter()
    rebuild_rollups()
    report.tables.append(("statistics rollups (rebuild)", 0, 0.0, time.perf_counter() - step))
    if postgres:
        step = time.perf_counter()
        with connection.cursor() as cursor:
            # VACUUM sets the visibility map too, so that counts read indexes only; it
            # cannot run inside a transaction (a test's), where ANALYZE is what there is.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        report.tables.append(("VACUUM ANALYZE", 0, 0.0, time.perf_counter() - step))
    report.seconds = time.perf_counter() - started
    return report


def format_report(report: LoadReport) -> list[str]:
    lines = [
        f"Dataset {report.spec.name}: {report.start:%Y-%m-%d} – {report.end:%Y-%m-%d} (Asia/Shanghai), "
        f"{connection.vendor} database {connection.settings_dict.get('NAME')}",
        f"{'table':<62}{'rows':>12}{'python s':>10}{'db s':>9}",
    ]
    for table, rows, python_seconds, db_seconds in report.tables:
        lines.append(f"{table:<62}{rows:>12,}{python_seconds:>10.1f}{db_seconds:>9.1f}")
    overlap = (
        " (the database works while Python generates: the columns overlap)" if connection.vendor == "postgresql" else ""
    )
    lines.append(f"total {report.seconds:.1f} s{overlap}")
    return lines
