"""Keeping the rollups right (DESIGN.md rule 7). Every pass re-aggregates, from the raw
orders, ownerships and stock snapshots, the days marked changed (`core.ChangedDay`) and
the months they fall in; `rebuild_rollups` does the same for all time. Both go through one function per
rollup, each an INSERT … SELECT of a grouped query, so a day and all time are summarised
by the same SQL on PostgreSQL and SQLite."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    Count,
    DateField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Lead, TruncDate, TruncMonth

from crm.analytics.churn_rollups import (
    customers_with_owner_changes,
    days_of_owner_changes,
    lapse_days,
    rebuild_churn,
    refresh_churn,
)
from crm.analytics.composition import rebuild_composition, registration_months, summarise_composition
from crm.analytics.customer_rollups import (
    SummaryKeys,
    move_customer_periods,
    rebuild_customer_periods,
    summarise_customer_periods,
    summarise_customer_values,
)
from crm.analytics.customer_trailing import rebuild_trailing_windows, refresh_trailing_windows
from crm.analytics.models import (
    CreditedProductSales,
    CustomerDevelopment,
    CustomerLapse,
    CustomerSalesDay,
    DepartmentProductSales,
    DevelopmentMonth,
    ProductSalesDay,
    ProductSalesMonth,
    ProductSalesPeriod,
    SalesDay,
    SalesMonth,
    StockMonth,
    UnitProductSales,
)
from crm.analytics.product_rollups import (
    open_months,
    rebuild_credited,
    rebuild_units,
    refresh_credited,
    summarise_company_days,
    summarise_company_months,
    summarise_department_open_months,
    summarise_department_rests,
    window_edges,
)
from crm.analytics.rollup_sql import (
    CREDIT_COLUMNS,
    Alongside,
    credit,
    delete_rows,
    insert_grouped,
    price_random_reads_as_ssd,
    written_anew,
    written_table,
)
from crm.analytics.stock import refresh_stock, summarise_stock_months
from crm.commerce.models import COUNTED_STATUSES, Order, OrderStatus, StockSnapshot
from crm.core.changes import DEVELOPMENT, ORDERS, OWNERSHIP, REGISTRATION, STOCK
from crm.core.models import ChangedDay
from crm.core.periods import Grain, Period, consecutive_periods, local_day, month_start, next_month
from crm.customers.models import Ownership
from crm.customers.selectors import churn_window_days
from crm.org.models import Department, DepartmentKind, Membership
from crm.org.selectors import home_department


def _summarise_orders(period: Period, *, whole: bool = False) -> set[int]:
    """SalesDay, ProductSalesDay and CustomerSalesDay for the period's days. Answers the
    customers whose purchases on those days were or are summarised (their lapses may have
    changed); `whole` (a rebuild) answers none and reads nothing back."""
    starts, ends = period.starts_at, period.ends_at
    on_days = CustomerSalesDay.objects.filter(day__gte=period.start, day__lt=period.end)
    buyers = set() if whole else set(on_days.values_list("customer_id", flat=True))
    for model in (SalesDay, CustomerSalesDay):
        delete_rows(model.objects.filter(day__gte=period.start, day__lt=period.end))
    created = Order.objects.filter(created_at__gte=starts, created_at__lt=ends)
    by_status = {f"{status.value}_count": Count("id", filter=Q(status=status.value)) for status in OrderStatus}
    zero = Value(0, output_field=IntegerField())
    insert_grouped(
        SalesDay,
        created.annotate(business_day=TruncDate("created_at"), **credit())
        .values("business_day", *CREDIT_COLUMNS.values())
        .annotate(order_count=Count("id"), **by_status, no_sales=Value(0), no_sales_orders=zero),
        {
            "day": "business_day",
            **CREDIT_COLUMNS,
            "order_count": "order_count",
            **{name: name for name in by_status},
            "sales_amount": "no_sales",
            "sales_order_count": "no_sales_orders",
        },
    )
    paid = Order.objects.filter(paid_at__gte=starts, paid_at__lt=ends, status__in=COUNTED_STATUSES)
    insert_grouped(
        SalesDay,
        paid.annotate(business_day=TruncDate("paid_at"), **credit())
        .values("business_day", *CREDIT_COLUMNS.values())
        .annotate(amount=Sum("total_amount"), orders=Count("id"), no_orders=zero),
        {
            "day": "business_day",
            **CREDIT_COLUMNS,
            **{name: "no_orders" for name in ["order_count", *by_status]},
            "sales_amount": "amount",
            "sales_order_count": "orders",
        },
    )
    insert_grouped(
        CustomerSalesDay,
        # An order carries its customer's owner now (decision 0010): one per customer.
        paid.annotate(
            business_day=TruncDate("paid_at"), buyer=F("customer_id"), holder=F("customer_owner_id"), **credit()
        )
        .values("buyer", "business_day", "holder", *CREDIT_COLUMNS.values())
        .annotate(amount=Sum("total_amount"), purchases=Count("id"), first=Min("paid_at"), last=Max("paid_at")),
        {
            "day": "business_day",
            "customer_id": "buyer",
            "owner_id": "holder",
            **CREDIT_COLUMNS,
            "sales_amount": "amount",
            "purchase_count": "purchases",
            "first_paid_at": "first",
            "last_paid_at": "last",
        },
        # A month's rows by owner, then customer (a rebuild writes month by month): a viewer
        # reads their customers' days together, and the lapses walk each customer's days in
        # order, by its index.
        clustered_by=["holder", "buyer", "business_day"] if whole else None,
    )
    summarise_company_days(period)
    if not whole:
        buyers |= set(on_days.values_list("customer_id", flat=True))
    return buyers


def _summarise_lapses(customer_ids: set[int] | None, window_days: int) -> None:
    """CustomerLapse of these customers (None: all) from their purchases in the
    CustomerSalesDay rollup: each purchase not followed by another within the window
    opens a lapse at its time plus the window, closed by the next purchase. Rows of one
    day are ordered by their last payment, so each day's latest purchase meets the next
    day's first."""
    lapses = CustomerLapse.objects.all()
    purchases = CustomerSalesDay.objects.all()
    if customer_ids is not None:
        lapses = lapses.filter(customer_id__in=customer_ids)
        purchases = purchases.filter(customer_id__in=customer_ids)
    delete_rows(lapses)
    window = timedelta(days=window_days)
    following = Window(Lead("first_paid_at"), partition_by=[F("customer_id")], order_by=[F("day"), F("last_paid_at")])
    gaps = (
        purchases.annotate(next_paid=following)
        .filter(Q(next_paid__isnull=True) | Q(next_paid__gt=F("last_paid_at") + window))
        .annotate(
            buyer=F("customer_id"),
            lapsed_from=F("last_paid_at"),
            lapse_starts=ExpressionWrapper(F("last_paid_at") + window, output_field=DateTimeField()),
            window=Value(window_days, output_field=IntegerField()),
        )
        .values("buyer", "lapsed_from", "lapse_starts", "next_paid", "window")
    )
    insert_grouped(
        CustomerLapse,
        gaps,
        {
            "customer_id": "buyer",
            "last_paid_at": "lapsed_from",
            "lost_at": "lapse_starts",
            "returned_at": "next_paid",
            "window_days": "window",
        },
    )


_SALES_SUMS = [
    "order_count",
    *(f"{status.value}_count" for status in OrderStatus),
    "sales_amount",
    "sales_order_count",
]


def _summarise_months(first_month: date, end_month: date) -> None:
    """SalesMonth and ProductSalesMonth for the months `[first_month, end_month)`, from the days."""
    SalesMonth.objects.filter(month__gte=first_month, month__lt=end_month).delete()
    columns = list(CREDIT_COLUMNS)
    days = SalesDay.objects.filter(day__gte=first_month, day__lt=end_month)
    insert_grouped(
        SalesMonth,
        days.annotate(calendar_month=TruncMonth("day", output_field=DateField()))
        .values("calendar_month", *columns)
        .annotate(**{f"total_{name}": Sum(name) for name in _SALES_SUMS}),
        {
            "month": "calendar_month",
            **{name: name for name in columns},
            **{name: f"total_{name}" for name in _SALES_SUMS},
        },
    )
    summarise_company_months(first_month, end_month)


def _credit_units(period: Period) -> None:
    """The development rows of the period, whose `group_id` holds the unit the developer
    belonged to then, get the group and department a member of that unit is credited to
    (as `credit_at`). One UPDATE with the units spelled out: every SET reads the row's
    values from before the update."""
    groups, departments, parameters = [], [], []
    for unit in Department.objects.all():
        if unit.kind == DepartmentKind.GROUP:
            groups.append(unit.id)
        departments.append("WHEN %s THEN %s")
        parameters += [unit.id, home_department(unit).id]
    quote = connection.ops.quote_name
    in_groups = f"group_id IN ({', '.join(['%s'] * len(groups))})" if groups else "FALSE"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(written_table(CustomerDevelopment))} "
            f"SET department_id = CASE group_id {' '.join(departments)} ELSE NULL END, "
            f"group_id = CASE WHEN {in_groups} THEN group_id ELSE NULL END "
            "WHERE developed_on >= %s AND developed_on < %s",
            [*parameters, *groups, period.start, period.end],
        )


def _summarise_development(period: Period) -> None:
    """CustomerDevelopment for the customers whose first ownership started in the period:
    inserted with the unit the developer belonged to then, credited to its group and
    department after (a CASE over the units inside the INSERT would run the unit's
    subquery once per unit)."""
    # The unit then is one row of a few hundred memberships, looked up per ownership: read
    # by its index (person, started_at), not by a scan of them all 750,000 times (25 s → 4 s at L).
    price_random_reads_as_ssd()
    delete_rows(CustomerDevelopment.objects.filter(developed_on__gte=period.start, developed_on__lt=period.end))
    earlier = Ownership.objects.filter(customer_id=OuterRef("customer_id")).filter(
        Q(started_at__lt=OuterRef("started_at")) | Q(started_at=OuterRef("started_at"), id__lt=OuterRef("id"))
    )
    unit_then = (
        Membership.objects.filter(person_id=OuterRef("owner_id"), started_at__lte=OuterRef("started_at"))
        .exclude(ended_at__lte=OuterRef("started_at"))
        .order_by("-started_at")
        .values("department_id")[:1]
    )
    firsts = (
        Ownership.objects.filter(started_at__gte=period.starts_at, started_at__lt=period.ends_at)
        .exclude(Exists(earlier))
        .annotate(
            developed=F("customer_id"),
            developer=F("owner_id"),
            unit_then=Subquery(unit_then, output_field=IntegerField()),
            business_day=TruncDate("started_at"),
            converted=TruncDate("customer__first_purchase_at"),
        )
        .values("developed", "developer", "unit_then", "business_day", "converted")
    )
    insert_grouped(
        CustomerDevelopment,
        firsts,
        {
            "customer_id": "developed",
            "rep_id": "developer",
            "group_id": "unit_then",  # the department stays null until credited below
            "developed_on": "business_day",
            "converted_on": "converted",
        },
    )
    _credit_units(period)


def _summarise_development_months(first_month: date, end_month: date) -> None:
    """DevelopmentMonth for the months `[first_month, end_month)`, from CustomerDevelopment."""
    delete_rows(DevelopmentMonth.objects.filter(month__gte=first_month, month__lt=end_month))
    columns = list(CREDIT_COLUMNS)
    insert_grouped(
        DevelopmentMonth,
        CustomerDevelopment.objects.filter(developed_on__gte=first_month, developed_on__lt=end_month)
        .annotate(
            calendar_month=TruncMonth("developed_on", output_field=DateField()),
            conversion_month=TruncMonth("converted_on", output_field=DateField()),
        )
        .values("calendar_month", "conversion_month", *columns)
        .annotate(developed=Count("customer_id")),
        {
            "month": "calendar_month",
            "converted_month": "conversion_month",
            **{column: column for column in columns},
            "customers": "developed",
        },
    )


@dataclass
class RefreshReport:
    order_days: int = 0
    development_days: int = 0
    stock_days: int = 0


def refresh_changed_days() -> RefreshReport:
    """Re-aggregate every day marked changed, then clear the marks read (a mark raised
    meanwhile has a newer version and stays for the next pass)."""
    marks = list(ChangedDay.objects.all())
    order_days = [mark.day for mark in marks if mark.subject == ORDERS]
    development_days = [mark.day for mark in marks if mark.subject == DEVELOPMENT]
    stock_days = [mark.day for mark in marks if mark.subject == STOCK]
    registered_days = [mark.day for mark in marks if mark.subject == REGISTRATION]
    moved = customers_with_owner_changes(mark.day for mark in marks if mark.subject == OWNERSHIP)
    buyers = _refresh_orders_and_churn(order_days, set(registered_days) | days_of_owner_changes(moved))
    for first_month in sorted({month_start(day) for day in order_days}):
        with transaction.atomic():
            _summarise_months(first_month, next_month(first_month))
    _refresh_customer_value(buyers, order_days, moved)
    with transaction.atomic():
        months = {month_start(day) for day in registered_days}
        summarise_composition(months | (registration_months(moved) if moved is not None else set()))
    with transaction.atomic():
        refresh_credited(consecutive_periods(order_days))
    for period in consecutive_periods(development_days):
        with transaction.atomic():
            _summarise_development(period)
    for first_month in sorted({month_start(day) for day in development_days}):
        with transaction.atomic():
            _summarise_development_months(first_month, next_month(first_month))
    refresh_stock(stock_days)
    for mark in marks:
        ChangedDay.objects.filter(id=mark.id, version=mark.version).delete()
    return RefreshReport(order_days=len(order_days), development_days=len(development_days), stock_days=len(stock_days))


def _refresh_orders_and_churn(order_days: list[date], churn_days: set[date]) -> set[int]:
    """The daily sales, product and customer rollups of the changed order days, the lapses
    of their buyers and the churn facts of every day whose facts moved (`churn_days`, with
    the days those lapses began and ended on, before and after); answers the buyers."""
    window_days = churn_window_days()
    # Every lapse is summarised with the same window (a new one rebuilds them all): one row tells.
    summarised_with = CustomerLapse.objects.order_by("pk").values_list("window_days", flat=True).first()
    rebuild_lapses = summarised_with is not None and summarised_with != window_days
    every_buyer: set[int] = set()
    for period in consecutive_periods(order_days):
        with transaction.atomic():
            buyers = _summarise_orders(period)
            every_buyer |= buyers
            if not rebuild_lapses:
                churn_days |= lapse_days(buyers)  # the days their lapses began and ended on
                _summarise_lapses(buyers, window_days)
                churn_days |= lapse_days(buyers)  # and begin and end on now
    if rebuild_lapses:
        with written_anew(CustomerLapse):
            _summarise_lapses(None, window_days)
        rebuild_churn()
    else:
        with transaction.atomic():
            refresh_churn(churn_days)
    return every_buyer


def _refresh_customer_value(buyers: set[int], order_days: list[date], moved: QuerySet[Any] | None) -> None:
    """Customer value by calendar period and over the trailing windows: the rows of the
    customers who changed owner (`moved`) moved, those of the buyers summed anew, and the
    summaries of every owner and period touched summed anew, in one transaction."""
    with transaction.atomic():
        summary_keys: SummaryKeys = move_customer_periods(moved) if moved is not None else {}
        for key, owners in summarise_customer_periods(buyers, order_days).items():
            summary_keys.setdefault(key, set()).update(owners)
        # After the calendar periods, which the windows are summed from.
        for key, owners in refresh_trailing_windows(buyers, order_days, moved).items():
            summary_keys.setdefault(key, set()).update(owners)
        summarise_customer_values(summary_keys)


def _generous_memory() -> None:
    """A rebuild groups tens of millions of rows: on PostgreSQL, let this transaction sort
    and hash in memory rather than on disk (the machine has the memory; the default is 4 MB)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '1GB'")


def rebuild_rollups() -> RefreshReport:
    """Every rollup anew from all the raw data (after a bulk load, or to check them). Each
    kind of rollup is replaced in a transaction of its own: readers see the old or the new
    rows of each, never none."""
    marks = list(ChangedDay.objects.all())
    span = Order.objects.aggregate(first=Min("created_at"), last=Max("created_at"), last_paid=Max("paid_at"))
    ownership_span = Ownership.objects.aggregate(first=Min("started_at"), last=Max("started_at"))
    order_period = _all_time(span["first"], max(filter(None, [span["last"], span["last_paid"]]), default=None))
    development_period = _all_time(ownership_span["first"], ownership_span["last"])
    # The credited product sales read only the orders and their items, the development,
    # composition and stock rollups only customers, ownerships and counts: built beside the
    # rest, which the sales, customer and churn rollups are summed from one another.
    alongside = Alongside(lambda: _rebuild_alongside(order_period, development_period))
    try:
        _rebuild_sales_and_customers(order_period)
    finally:
        alongside.wait()
    for mark in marks:
        ChangedDay.objects.filter(id=mark.id, version=mark.version).delete()
    return RefreshReport(
        order_days=order_period.days if order_period else 0,
        development_days=development_period.days if development_period else 0,
    )


def _rebuild_sales_and_customers(order_period: Period | None) -> None:
    """The sales, product and customer days and what is summed from them: months, customer
    periods and trailing windows, lapses and churn."""
    with transaction.atomic():
        with written_anew(SalesDay, ProductSalesDay, CustomerSalesDay):
            _generous_memory()
            # Month by month: each month's orders read by their index and grouped in
            # memory (all time at once spilled the groupings to disk).
            for month in order_period.buckets(Grain.MONTH) if order_period else []:
                _summarise_orders(month, whole=True)
        for model in (SalesMonth, ProductSalesMonth, ProductSalesPeriod):
            model.objects.all().delete()
        if order_period:
            _summarise_months(month_start(order_period.start), next_month(order_period.end - timedelta(days=1)))
    with transaction.atomic():
        _generous_memory()
        rebuild_customer_periods()
        rebuild_trailing_windows()
    with written_anew(CustomerLapse):
        _generous_memory()
        _summarise_lapses(None, churn_window_days())
    rebuild_churn()


def _rebuild_alongside(order_period: Period | None, development_period: Period | None) -> None:
    """The credited product sales anew, then their units' and departments' rows from them
    (read by month on the new rows' index), then customer development, composition and
    stock months: each kind in a transaction of its own."""
    with written_anew(CreditedProductSales):
        _generous_memory()
        complete_months = rebuild_credited(order_period) if order_period else None
    with written_anew(UnitProductSales, DepartmentProductSales):
        _generous_memory()
        if complete_months:
            rebuild_units(*complete_months)
        # All anew: a table being written anew is read as the old one until it commits.
        summarise_department_rests(rewritten=window_edges())
        summarise_department_open_months(open_months())
    with transaction.atomic():
        with written_anew(CustomerDevelopment):
            if development_period:
                _summarise_development(development_period)
        DevelopmentMonth.objects.all().delete()
        if development_period:
            _summarise_development_months(
                month_start(development_period.start), next_month(development_period.end - timedelta(days=1))
            )
    rebuild_composition()
    with transaction.atomic():
        StockMonth.objects.all().delete()
        first_count = StockSnapshot.objects.aggregate(first=Min("as_of"))["first"]
        if first_count is not None:
            summarise_stock_months(month_start(local_day(first_count)))


def _all_time(first: Any, last: Any) -> Period | None:
    if first is None or last is None:
        return None
    return Period(local_day(first), local_day(last) + timedelta(days=1))
