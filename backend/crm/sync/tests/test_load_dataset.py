"""The benchmark dataset loader (tools/datasets): XS loaded into the test database is a
whole, consistent history — attribution per METRICS.md, status timelines, exact totals,
stock, encrypted sensitive fields — and a second load is refused."""

import random
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import Coalesce
from django.test import override_settings

from crm.accounts.demo import DEMO_PASSWORD
from crm.accounts.models import User
from crm.commerce.models import (
    STATUS_STAGE,
    Category,
    Order,
    OrderItem,
    OrderStatus,
    OrderStatusChange,
    Product,
    StockSnapshot,
)
from crm.commerce.services import credit_at
from crm.core.crypto import phone_index
from crm.customers.models import Customer, Ownership
from crm.org.models import Department, DepartmentKind, Membership
from tools.datasets.loader import DatasetRefused, LoadReport, load_dataset
from tools.datasets.sizes import SIZES

XS = SIZES["XS"]
YEARS = 3
CENT = Decimal("0.005")


@pytest.fixture(scope="module")
def loaded(django_db_setup: None, django_db_blocker: Any) -> Iterator[LoadReport]:
    """XS loaded once for the module, in a transaction rolled back at the end."""
    # The conftest's fast hasher, which only takes effect per test.
    fast_hashing = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast_hashing:
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield load_dataset(XS, seed=7, years=YEARS, out=lambda line: None)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def report(loaded: LoadReport, db: None) -> LoadReport:
    return loaded


def rows_of(report: LoadReport, table: str) -> int:
    return next(rows for name, rows, _, _ in report.tables if name.split(" ")[0] == table)


def test_counts_are_as_configured(report: LoadReport) -> None:
    assert Customer.objects.count() == XS.customers
    assert Order.objects.count() == XS.orders
    assert Product.objects.count() == XS.products
    assert User.objects.filter(roles__code="sales_rep").count() == XS.reps
    assert Category.objects.count() == 19
    items = OrderItem.objects.count()
    assert items == rows_of(report, "commerce_orderitem")
    assert 2.2 * XS.orders < items < 2.8 * XS.orders
    assert OrderStatusChange.objects.count() == rows_of(report, "commerce_orderstatuschange")
    assert Ownership.objects.count() == rows_of(report, "customers_ownership")
    assert StockSnapshot.objects.count() == XS.products * YEARS * 365
    # ~75% of customers came through an invite code; ~8% of those were reassigned once.
    owned = Ownership.objects.filter(source="invite_code").count()
    assert 0.70 * XS.customers < owned < 0.80 * XS.customers
    reassigned = Ownership.objects.filter(source="assignment").count()
    assert 0.04 * owned < reassigned < 0.12 * owned
    # Sequences follow the loaded ids: the next row gets a fresh id.
    category = Category.objects.create(code="99", name="新类别")
    assert category.id > 19


def test_organisation_and_logins(report: LoadReport) -> None:
    regions = Department.objects.filter(kind=DepartmentKind.DEPARTMENT).exclude(name="客服部")
    assert regions.count() == XS.regions
    for group in Department.objects.filter(kind=DepartmentKind.GROUP):
        assert group.manager is not None
        assert group.path == f"{group.parent.path}{group.id}/"
    assert Membership.objects.filter(ended_at__isnull=False).count() >= 1
    for username in ("admin", "executive", "manager", "supervisor", "rep_li", "after_sales"):
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)
    for user in User.objects.all():
        assert user.department_id == Membership.objects.get(person=user, ended_at__isnull=True).department_id


def test_credit_follows_ownership_and_membership_at_created_at(report: LoadReport) -> None:
    rng = random.Random(1)
    ids = list(Order.objects.values_list("id", flat=True))
    reassigned = list(
        Order.objects.filter(customer__ownerships__source="assignment").values_list("id", flat=True).distinct()
    )
    moved = Membership.objects.filter(ended_at__isnull=False).values_list("person_id", flat=True)
    of_movers = list(Order.objects.filter(credited_rep__in=moved).values_list("id", flat=True))
    sample = rng.sample(ids, 100) + rng.sample(reassigned, 70) + rng.sample(of_movers, 30)
    for order in Order.objects.filter(id__in=sample).select_related("customer"):
        credit = credit_at(order.customer, order.created_at)
        assert (order.credited_rep_id, order.credited_group_id, order.credited_department_id) == (
            credit.rep_id,
            credit.group_id,
            credit.department_id,
        ), order.mall_order_id
    # History matters: some orders are credited to someone other than today's owner.
    assert Order.objects.exclude(credited_rep=F("customer__owner")).exclude(credited_rep__isnull=True).exists()
    assert Order.objects.filter(credited_rep__isnull=True).exists()


def test_orders_carry_their_customers_owner_now(report: LoadReport) -> None:
    pairs = list(Order.objects.values_list("customer_owner_id", "customer__owner_id"))
    assert [pair for pair in pairs if pair[0] != pair[1]] == []
    assert {owner is None for _, owner in pairs} == {True, False}


def test_status_and_times_follow_the_status_changes(report: LoadReport) -> None:
    timelines: dict[int, list[tuple[datetime, str]]] = {}
    for order_id, status, changed_at in OrderStatusChange.objects.values_list("order_id", "status", "changed_at"):
        timelines.setdefault(order_id, []).append((changed_at, status))
    fields = ("id", "status", "created_at", "paid_at", "shipped_at", "completed_at", "cancelled_at")
    statuses: dict[str, int] = {}
    for order_id, status, created_at, paid_at, shipped_at, completed_at, cancelled_at in Order.objects.values_list(
        *fields
    ):
        changes = timelines[order_id]
        first = {}
        for changed_at, change_status in sorted(changes):
            first.setdefault(change_status, changed_at)
        latest = max(changes, key=lambda change: (change[0], STATUS_STAGE[OrderStatus(change[1])]))
        assert status == latest[1]
        assert first[OrderStatus.PENDING_PAYMENT] == created_at
        assert (paid_at, shipped_at, completed_at, cancelled_at) == (
            first.get(OrderStatus.PAID),
            first.get(OrderStatus.SHIPPED),
            first.get(OrderStatus.COMPLETED),
            first.get(OrderStatus.CANCELLED),
        )
        statuses[status] = statuses.get(status, 0) + 1
    assert statuses[OrderStatus.COMPLETED] > 0.85 * XS.orders
    assert 0.05 * XS.orders < statuses[OrderStatus.CANCELLED] < 0.10 * XS.orders
    assert statuses.get(OrderStatus.SHIPPED, 0) > 0 and statuses.get(OrderStatus.PAID, 0) > 0


def test_totals_add_up(report: LoadReport) -> None:
    money = DecimalField(max_digits=14, decimal_places=2)
    wrong_totals = (
        Order.objects.annotate(items_sum=Coalesce(Sum("items__amount"), Decimal("0"), output_field=money))
        .annotate(
            gap=ExpressionWrapper(
                F("total_amount") - (F("items_sum") - F("discount_amount") + F("freight_amount")), output_field=money
            )
        )
        .filter(Q(gap__gt=CENT) | Q(gap__lt=-CENT))
        .count()
    )
    assert wrong_totals == 0
    wrong_amounts = (
        OrderItem.objects.annotate(
            gap=ExpressionWrapper(F("amount") - F("quantity") * F("unit_price"), output_field=money)
        )
        .filter(Q(gap__gt=CENT) | Q(gap__lt=-CENT))
        .count()
    )
    assert wrong_amounts == 0
    assert not Order.objects.annotate(lines=Count("items")).filter(lines=0).exists()


def test_stock_is_never_negative(report: LoadReport) -> None:
    assert not StockSnapshot.objects.filter(quantity__lt=0).exists()
    assert StockSnapshot.objects.filter(quantity__gt=0).count() > 0.9 * StockSnapshot.objects.count()


def test_phones_are_encrypted_and_found_by_blind_index(report: LoadReport) -> None:
    customer = Customer.objects.order_by("?").first()
    assert customer is not None and len(customer.phone) == 11
    assert customer in Customer.objects.filter(phone_index=phone_index(customer.phone))
    assert customer.phone_last_four == customer.phone[-4:]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM customers_customer WHERE phone NOT LIKE 'enc:%%'"
            " OR (email <> '' AND email NOT LIKE 'enc:%%') OR (id_number <> '' AND id_number NOT LIKE 'enc:%%')"
            " OR (business_license_no <> '' AND business_license_no NOT LIKE 'enc:%%')"
        )
        assert cursor.fetchone()[0] == 0
        cursor.execute(
            "SELECT COUNT(*) FROM customers_customer WHERE phone LIKE %s OR email LIKE %s",
            [f"%{customer.phone}%", f"%{customer.phone}%"],
        )
        assert cursor.fetchone()[0] == 0
    filled = Customer.objects.exclude(email="").count()
    assert 0.05 * XS.customers < filled < 0.15 * XS.customers


def test_a_second_load_is_refused(report: LoadReport) -> None:
    with pytest.raises(DatasetRefused, match="empty database"):
        load_dataset(XS, out=lambda line: None)


def test_the_statistics_are_built_with_the_dataset(report):
    from crm.analytics import metrics
    from crm.core.periods import Period, local_day
    from crm.core.scope import ResolvedScope

    everything = Period(local_day(report.start), local_day(report.end))
    counted = Order.objects.filter(
        status__in=["paid", "shipped", "completed"], paid_at__gte=everything.starts_at, paid_at__lt=report.end
    )
    totals = metrics.sales_totals(everything, scope=ResolvedScope(everything=True))[None]
    assert abs(totals.sales_amount - counted.aggregate(total=Sum("total_amount"))["total"]) < CENT
    assert totals.sales_order_count == counted.count()
    assert totals.order_count == Order.objects.filter(created_at__gte=everything.starts_at).count()
    by_rep = metrics.sales_totals(everything, scope=ResolvedScope(everything=True), by="rep")
    assert len([rep for rep in by_rep if rep is not None]) == XS.reps
