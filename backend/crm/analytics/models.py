"""Exports people ask for, written in the background and downloaded when ready; the
rollups the statistics read."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models

from crm.core.scope import ResolvedScope, ScopedQuerySet


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", "Excel"
    CSV = "csv", "CSV"
    PDF = "pdf", "PDF"


class ExportStatus(models.TextChoices):
    PENDING = "pending", "排队中"
    RUNNING = "running", "导出中"
    SUCCEEDED = "succeeded", "已完成"
    FAILED = "failed", "失败"


class Export(models.Model):
    """One export of a list (customers, orders…) as its requester filtered it: the rows are
    those the requester may see when the file is written, sensitive fields masked unless
    their role may see them. `done_rows` / `total_rows` is the progress the UI shows."""

    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports")
    kind = models.CharField(max_length=32)
    format = models.CharField(max_length=8, choices=ExportFormat.choices)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=ExportStatus.choices, default=ExportStatus.PENDING)
    total_rows = models.PositiveIntegerField(null=True, blank=True)
    done_rows = models.PositiveIntegerField(default=0)
    file_name = models.CharField(max_length=255, blank=True)
    file_path = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind}.{self.format} #{self.id}"


# Rollups (DESIGN.md rule 7): daily and monthly sums of the raw orders, re-aggregated from
# them for every day that changed (crm.analytics.rollups). Each row carries the rep, group
# and department the orders are credited to (METRICS.md, attribution; all null when
# unattributed), which is also how the data scope reaches it. A key may have more than one
# row (orders counted on their creation day and sales on their payment day are written
# apart): the figures are sums, so readers never rely on one row per key.


def _credited(kind: str) -> Any:
    target = settings.AUTH_USER_MODEL if kind == "rep" else "org.Department"
    return models.ForeignKey(
        target, null=True, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )


def _current_owner() -> Any:
    """The customer's owner now (null: the public pool), for rollups about the customers a
    viewer may see now: a reassignment moves the customer's rows to the new owner."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )


def _by_credit(period: str) -> list[models.Index]:
    """A credited rollup's indexes for "credited to a person or a unit in scope": one per
    credit column, each with the period, so a scope is a bitmap OR of three index scans."""
    return [models.Index(fields=[credit, period]) for credit in ("rep", "group", "department")]


class SalesFigures(models.Model):
    """Orders created (by current status) and sales (counted orders by payment) of a rep."""

    rep = _credited("rep")
    group = _credited("group")
    department = _credited("department")
    order_count = models.PositiveIntegerField(default=0)
    pending_payment_count = models.PositiveIntegerField(default=0)
    paid_count = models.PositiveIntegerField(default=0)
    shipped_count = models.PositiveIntegerField(default=0)
    completed_count = models.PositiveIntegerField(default=0)
    cancelled_count = models.PositiveIntegerField(default=0)
    sales_amount = models.DecimalField(max_digits=16, decimal_places=2, default=Decimal("0.00"))
    sales_order_count = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class SalesDay(SalesFigures):
    """A rep's orders created and sales made on one business day."""

    day = models.DateField()

    class Meta:
        indexes = [
            models.Index(fields=["day"]),
            *_by_credit("day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} rep {self.rep_id}"


class SalesMonth(SalesFigures):
    """The same for a calendar month (`month` is its first day), summed from the days."""

    month = models.DateField()

    class Meta:
        indexes = [
            models.Index(fields=["month"]),
            *_by_credit("month"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} rep {self.rep_id}"


class ProductFigures(models.Model):
    """Sales of a product (Σ item amount and quantity of counted orders, by payment). The
    category is the product's current one, read from the catalogue when asked."""

    product = models.ForeignKey(
        "commerce.Product", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    sales_amount = models.DecimalField(max_digits=16, decimal_places=2, default=Decimal("0.00"))
    quantity = models.PositiveBigIntegerField(default=0)

    class Meta:
        abstract = True


class ProductSalesDay(ProductFigures):
    """A product's sales on one business day, the whole company's: what a viewer who sees
    everything reads, and the days the monthly rollup is summed from."""

    day = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["day"]), models.Index(fields=["product", "day"])]

    def __str__(self) -> str:
        return f"{self.day} product {self.product_id}"


class ProductSalesMonth(ProductFigures):
    """The same for a calendar month, summed from the days."""

    month = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["month"]), models.Index(fields=["product", "month"])]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} product {self.product_id}"


class ProductSalesPeriod(ProductFigures):
    """The company's sales of a product over a calendar quarter or year (`grain`, and
    `start`, its first day), summed from the months: a year ending at a month's end reads
    six pieces (two months, three quarters, a month) instead of twelve months."""

    grain = models.CharField(max_length=8)
    start = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["grain", "start"])]

    def __str__(self) -> str:
        return f"{self.grain} {self.start} product {self.product_id}"


class CreditedProductSales(ProductFigures):
    """A product's sales credited to a rep, group and department (what a viewer with a
    narrower scope reads) over a calendar month. A complete month has one row per key
    (`day` null); the open month, whose days still change by the minute, has one row per
    key and day, compacted into the month's rows once the month is over, and so have the
    months the rolling windows 近12个月 and 近3年 start in (decision 0016). Days around whole
    months of another complete month are read from the raw orders (a day grain per rep
    would be as large as the order items themselves)."""

    month = models.DateField()
    day = models.DateField(null=True)
    rep = _credited("rep")
    group = _credited("group")
    department = _credited("department")

    class Meta:
        indexes = [
            models.Index(fields=["month", "day"]),
            *_by_credit("month"),
            models.Index(fields=["product", "month"]),
            # The day rows by their days: the months held by day, which each pass looks for,
            # and a scope's days, each by the day rows' own indexes (a month's index read
            # all of a month's day rows: PostgreSQL took them for a few of its rows).
            models.Index(fields=["day"], condition=models.Q(day__isnull=False), name="credited_days"),
            *(
                models.Index(
                    fields=[credit, "day"], condition=models.Q(day__isnull=False), name=f"credited_days_{credit}"
                )
                for credit in ("rep", "group", "department")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} product {self.product_id} rep {self.rep_id}"


class PieceProductFigures(ProductFigures):
    """A product's sales credited to one sales unit over one piece of time (`grain`, and
    `start`, its first day)."""

    grain = models.CharField(max_length=8)
    start = models.DateField()
    unit = _credited("department")

    objects = models.Manager()  # named on the abstract model: the readers choose a level by scope

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.grain} {self.start} unit {self.unit_id} product {self.product_id}"


class UnitProductSales(PieceProductFigures):
    """A product's sales credited to one sales unit (the order's credited group, or its
    department when the rep was in no group) over a complete calendar month, quarter or
    year (`grain`, and `start`, its first day), summed from the credited rollup's months.
    A supervisor's product figures read their group's rows (six pieces a year, a few
    thousand products each) instead of every rep's; the rows a unit in scope does not
    hold (a rep who moved in, an order credited to a department whose group has moved
    away) are still read from the credited rollup. A month's rows are written once it is
    compacted; a quarter's and a year's are summed anew with each of their months and are
    read only once their last month is compacted."""

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["grain", "start", "unit", "product"], name="unit_product_sales_key")
        ]


class DepartmentProductSales(PieceProductFigures):
    """A product's sales credited to one department (`unit`: the order's credited
    department, its groups' sales included) over a complete calendar month, quarter or
    year, written with the units' rows; over the rest of the month a rolling window
    (近12个月, 近3年) starts in (`grain` "rest", from `start` to the month's end); and over
    each open month so far (`grain` "open"): both summed from that month's day rows
    (decision 0017). A department manager's product figures read their department's rows
    (ten thousand products a piece at L) instead of each of its groups' or reps'; what
    their scope holds beyond its departments (a group or a rep who moved in) is still read
    from the credited rollup by its exact keys."""

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["grain", "start", "unit", "product"], name="department_product_sales_key")
        ]


class CustomerSalesDay(models.Model):
    """A customer's purchases on one business day, per credited rep: their count and sum,
    and the first and last payment times (the purchase cycle is measured between them).
    `owner` copies the customer's owner now (an owner copy, moved with the customer), so
    that a viewer's customers' days are read by their own index rather than joined to the
    customers (a supervisor's month of days: every day row of the month, 333,000, hashed
    against 28,000 customers at L)."""

    day = models.DateField()
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    owner = _current_owner()
    rep = _credited("rep")
    group = _credited("group")
    department = _credited("department")
    sales_amount = models.DecimalField(max_digits=16, decimal_places=2)
    purchase_count = models.PositiveIntegerField()
    first_paid_at = models.DateTimeField()
    last_paid_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["day"]),
            models.Index(fields=["rep", "day"]),
            models.Index(fields=["customer", "day"]),
            models.Index(fields=["owner", "day"], name="customer_day_owner"),
        ]

    def __str__(self) -> str:
        return f"{self.day} customer {self.customer_id}"


class CustomerDevelopment(models.Model):
    """Who developed a customer (METRICS.md, customer development): the rep of its first
    ownership period, with that rep's group and department then, the day it started, and
    the business day of its first purchase (its conversion), if any: periods are whole
    days, so "paid before the period's end" is "converted on a day before it"."""

    customer = models.OneToOneField(
        "customers.Customer",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    rep = _credited("rep")
    group = _credited("group")
    department = _credited("department")
    developed_on = models.DateField()
    converted_on = models.DateField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["developed_on", "converted_on"]),
            *_by_credit("developed_on"),
            models.Index(fields=["converted_on"]),
        ]

    def __str__(self) -> str:
        return f"customer {self.customer_id} by {self.rep_id} on {self.developed_on}"


class DevelopmentMonth(models.Model):
    """CustomerDevelopment counted by the month customers were developed in, their
    developer (with the group and department credited then) and the month of their first
    purchase (null: none yet): whether a customer developed in whole months converted
    before a period's end is read from its conversion month, to the day only in the month
    the period ends in."""

    month = models.DateField()
    converted_month = models.DateField(null=True)
    rep = _credited("rep")
    group = _credited("group")
    department = _credited("department")
    customers = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["month"]),
            *_by_credit("month"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} rep {self.rep_id}: {self.customers}"


class CustomerLapse(models.Model):
    """A stretch in which a customer was lost (METRICS.md, churn): from `lost_at`, its
    last purchase then plus the churn window, until its next purchase `returned_at` (null:
    not yet back). A customer is lost as of T when one of its lapses has lost_at < T ≤
    returned_at. Kept for the window in `window_days`; a new window rebuilds them."""

    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    last_paid_at = models.DateTimeField()
    lost_at = models.DateTimeField()
    returned_at = models.DateTimeField(null=True)
    window_days = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["customer"]),
            models.Index(fields=["lost_at"]),
            models.Index(fields=["returned_at"]),
        ]

    def __str__(self) -> str:
        return f"customer {self.customer_id} lost {self.lost_at:%Y-%m-%d}"


class ChurnFigures(models.Model):
    """The churn facts of the customers a person owns now (METRICS.md, churn), on one
    business day or month: customers registered, lapses begun (lost_at) and lapses ended
    (returned_at) then. Running sums give churn as of any day: lost = lapses begun − ended,
    over registered. `owner` is the customer's current owner (null: the public pool), so
    a reassignment moves the customer's facts to the new owner's rows."""

    owner = _current_owner()
    registered = models.PositiveIntegerField()
    lapses_begun = models.PositiveIntegerField()
    lapses_ended = models.PositiveIntegerField()

    class Meta:
        abstract = True


class ChurnDay(ChurnFigures):
    """Churn facts per business day and current owner."""

    day = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["day"]), models.Index(fields=["owner", "day"])]

    def __str__(self) -> str:
        return f"{self.day} owner {self.owner_id}"


class ChurnMonth(ChurnFigures):
    """The same per calendar month (`month` is its first day), summed from the days."""

    month = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["month"]), models.Index(fields=["owner", "month"])]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} owner {self.owner_id}"


class CustomerFigures(models.Model):
    """A customer's purchases over one period (METRICS.md, customer value): cumulative
    spend over it, purchase count, first and last payment, and its purchase cycle (None
    below two purchases). `owner` is the customer's current owner (null: the public pool),
    so customer value over the period is read for the customers a viewer may see now
    without a join; a reassignment moves the rows."""

    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    owner = _current_owner()
    sales_amount = models.DecimalField(max_digits=16, decimal_places=2)
    purchase_count = models.PositiveIntegerField()
    first_paid_at = models.DateTimeField()
    last_paid_at = models.DateTimeField()
    purchase_cycle_seconds = models.FloatField(null=True)

    objects = models.Manager()  # named on the abstract model: the readers choose a level by grain

    class Meta:
        abstract = True


class CustomerPeriodFigures(CustomerFigures):
    """A customer's purchases in one calendar month, quarter or year (`start`, its first day)."""

    pk = models.CompositePrimaryKey("customer", "start")
    start = models.DateField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.start} customer {self.customer_id}"


def _by_period_value() -> list[models.Index]:
    """Top customers of a period: the company's by either figure, a scope's by owner."""
    return [
        models.Index(fields=["start", "sales_amount"]),
        models.Index(fields=["start", "purchase_count"]),
        models.Index(fields=["start", "owner", "sales_amount"]),
    ]


class CustomerMonth(CustomerPeriodFigures):
    """A customer's purchases in a calendar month (`start`, its first day), from its days."""

    class Meta:
        indexes = _by_period_value()


class CustomerQuarter(CustomerPeriodFigures):
    """A customer's purchases in a calendar quarter, from its months."""

    class Meta:
        indexes = _by_period_value()


class CustomerYear(CustomerPeriodFigures):
    """A customer's purchases in a calendar year, from its quarters."""

    class Meta:
        indexes = _by_period_value()


class TrailingWindow(models.Model):
    """A trailing period whose customer value is kept like a calendar period's (近12个月,
    近3年: decision 0009): its name and the days `[start, end)` it covers now, `end` the day
    after today. The refresh slides it when the business day turns; a period asked for is
    read from the window's rows only when it is the window exactly."""

    name = models.CharField(max_length=8, primary_key=True)
    start = models.DateField()
    end = models.DateField()

    def __str__(self) -> str:
        return f"{self.name} {self.start}–{self.end}"


class CustomerTrailing(CustomerFigures):
    """A customer's purchases over a trailing window as it stands now (`window`, a
    TrailingWindow's name), summed from the window's calendar pieces."""

    pk = models.CompositePrimaryKey("customer", "window")
    window = models.CharField(max_length=8)

    class Meta:
        indexes = [
            models.Index(fields=["window", "sales_amount"]),
            models.Index(fields=["window", "purchase_count"]),
            models.Index(fields=["window", "owner", "sales_amount"]),
        ]

    def __str__(self) -> str:
        return f"{self.window} customer {self.customer_id}"


class CustomerValueSummary(models.Model):
    """The purchasing customers of one owner (now) in a calendar month, quarter or year, or
    over a trailing window (`grain` the window's name, `start` its start), together
    (METRICS.md, customer value): how many, their spend and purchases, how many bought
    once, twice, 3–5, 6–10 and 11 or more times (购买频次分布), and the sum and number of
    their purchase cycles. All additive over owners, so a scope's figures are
    sums of its owners' rows."""

    grain = models.CharField(max_length=8)
    start = models.DateField()
    owner = _current_owner()
    purchasing_customers = models.PositiveIntegerField()
    sales_amount = models.DecimalField(max_digits=18, decimal_places=2)
    purchase_count = models.PositiveIntegerField()
    bought_once = models.PositiveIntegerField()
    bought_twice = models.PositiveIntegerField()
    bought_3_to_5 = models.PositiveIntegerField()
    bought_6_to_10 = models.PositiveIntegerField()
    bought_11_or_more = models.PositiveIntegerField()
    cycle_seconds_sum = models.FloatField()
    cycle_customers = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["grain", "start", "owner"])]

    def __str__(self) -> str:
        return f"{self.grain} {self.start} owner {self.owner_id}"


class CompositionFigures(models.Model):
    """客户构成: customers by their current owner (null: the public pool), pharmacy type and
    province."""

    owner = _current_owner()
    pharmacy_type = models.CharField(max_length=64)
    province = models.CharField(max_length=50, blank=True)
    customers = models.PositiveIntegerField()

    class Meta:
        abstract = True


class CompositionMonth(CompositionFigures):
    """The customers registered in a calendar month (`month`, its first day)."""

    month = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["month"])]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} owner {self.owner_id}"


class CompositionBeforeMonth(CompositionFigures):
    """The customers registered before a month's first day (`month`), summed from the months
    before it: a viewer's customers registered before a time are the rows of its month
    and those of its month registered before it."""

    month = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["month", "owner"])]

    def __str__(self) -> str:
        return f"before {self.month:%Y-%m} owner {self.owner_id}"


class StockMonth(models.Model):
    """A product's stock over a complete calendar month (METRICS.md, products and stock):
    the sum of its end-of-day stock levels over the days with a known level (from its
    first snapshot on), their number, and the level at the month's last day. Average stock
    over whole months is Σ level_sum / Σ known_days; the days of a partial month are read
    from the snapshots themselves."""

    product = models.ForeignKey(
        "commerce.Product", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    month = models.DateField()
    level_sum = models.PositiveBigIntegerField()
    known_days = models.PositiveSmallIntegerField()
    closing_quantity = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["month"]), models.Index(fields=["product", "month"])]

    def __str__(self) -> str:
        return f"product {self.product_id} {self.month:%Y-%m}"


class PerformanceReportQuerySet(ScopedQuerySet["PerformanceReport"]):
    def scope_q(self, scope: ResolvedScope) -> models.Q:
        # A report is about a unit: seen by whoever sees that unit's people, and its author.
        return models.Q(department_id__any_of=scope.department_ids) | models.Q(author_id__any_of=scope.person_ids)


class PerformanceReport(models.Model):
    """部门业绩分析报告: a manager's report on a department or a sales group over a period:
    the figures, series and main changes against the previous period as they stood when
    the report was last refreshed (`figures`, `figures_at`), and the manager's own words
    (the summary of the period and the plan for the next). Downloaded as Excel or PDF."""

    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, related_name="performance_reports")
    start = models.DateField()
    end = models.DateField(help_text="the first day after the period")
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    plan = models.TextField(blank=True)
    figures = models.JSONField(default=dict)
    figures_at = models.DateTimeField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="performance_reports")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PerformanceReportQuerySet.as_manager()

    class Meta:
        ordering = ["-end", "-id"]

    def __str__(self) -> str:
        return self.title
