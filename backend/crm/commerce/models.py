"""The CRM's copy of the mall: products, categories, orders and their history, stock.
Written only through `services.py`, by the mall connector."""

from django.conf import settings
from django.db import models

from crm.core.scope import ResolvedScope, ScopedQuerySet
from crm.customers.models import Customer
from crm.org.models import Department


class Category(models.Model):
    """A product category of the mall (西药 → 抗感染药); `code` is the mall's."""

    code = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=100)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    mall_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "产品类别"

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    """A product of the mall's catalogue, as of its latest `product.upserted`."""

    mall_product_id = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    spec = models.CharField(max_length=100, blank=True)
    unit = models.CharField(max_length=20, blank=True)
    manufacturer = models.CharField(max_length=200, blank=True)
    price = models.DecimalField(max_digits=12, decimal_places=2)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.PROTECT, related_name="products")
    mall_updated_at = models.DateTimeField()

    class Meta:
        ordering = ["mall_product_id"]
        verbose_name = "产品"

    def __str__(self) -> str:
        return f"{self.name} {self.spec}".strip()


class OrderStatus(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", "待付款"
    PAID = "paid", "已付款"
    SHIPPED = "shipped", "已发货"
    COMPLETED = "completed", "已完成"
    CANCELLED = "cancelled", "已取消"


# Orders the mall has not finished with: neither completed nor cancelled.
IN_FLIGHT_STATUSES = [OrderStatus.PENDING_PAYMENT, OrderStatus.PAID, OrderStatus.SHIPPED]

# When two changes carry the same time, the later stage of the life cycle wins.
STATUS_STAGE = {
    OrderStatus.PENDING_PAYMENT: 0,
    OrderStatus.PAID: 1,
    OrderStatus.SHIPPED: 2,
    OrderStatus.COMPLETED: 3,
    OrderStatus.CANCELLED: 4,
}
COUNTED_STATUSES = (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.COMPLETED)


class PaymentMethod(models.TextChoices):
    ONLINE = "online", "在线支付"
    TRANSFER = "transfer", "银行转账"
    COD = "cod", "货到付款"
    CREDIT = "credit", "赊销"


class OrderQuerySet(ScopedQuerySet["Order"]):
    def scope_q(self, scope: ResolvedScope) -> models.Q:
        # DESIGN.md rule 3: the orders of the customers one serves now (their owner is
        # copied onto each order), plus the orders credited to oneself (performance evidence).
        return scope.person_q("customer_owner") | scope.person_q("credited_rep")

    def scope_branches(self, scope: ResolvedScope) -> list[models.Q]:
        # One person's orders are one in two hundred: as one query the list walks all orders
        # newest first to find twenty of theirs. Each branch reads them in order from its
        # index (by owner, by credited rep, each with the date). A group's are dense enough
        # to be found by the walk, and an index over several people is not in date order.
        if scope.everything or len(scope.person_ids) != 1:
            return []
        (person,) = scope.person_ids
        return [models.Q(customer_owner_id=person), models.Q(credited_rep_id=person)]

    def for_list(self) -> "OrderQuerySet":
        """The orders with what a list row shows: its columns, the customer's name, the
        credited rep's and group's names, the products' names. The customer's other columns
        (five ciphertexts to decrypt on every row) stay unread, and so do the lines' others."""
        return (
            self.select_related("customer", "credited_rep", "credited_group")
            .only(*ORDER_LIST_COLUMNS, "customer__company_name", "credited_rep__display_name", "credited_group__name")
            .prefetch_related(models.Prefetch("items", queryset=OrderItem.objects.only("order_id", "product_name")))
        )


# The order's own columns a list row shows.
ORDER_LIST_COLUMNS = [
    "mall_order_id",
    "customer",
    "created_at",
    "status",
    "payment_method",
    "total_amount",
    "paid_at",
    "shipped_at",
    "completed_at",
    "cancelled_at",
    "credited_rep",
    "credited_group",
]


class Order(models.Model):
    """An order placed in the mall (订单). `created_at` is the mall's 订单生成时间; the
    credited rep, group and department are fixed when the CRM first records the order,
    from the ownership and membership history at `created_at` (METRICS.md, attribution).
    `status` and the `*_at` times follow the status history, whatever order it arrived in.
    `customer_owner` is the customer's owner now, moved with it (`crm.customers.owner_copies`),
    so that the data scope reads two columns of the order's own."""

    mall_order_id = models.CharField(max_length=64, unique=True)
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="orders")
    created_at = models.DateTimeField(db_index=True)
    # Indexed with created_at below.
    status = models.CharField(max_length=20, choices=OrderStatus.choices)
    payment_method = models.CharField(max_length=20, blank=True)
    discount_amount = models.DecimalField(max_digits=14, decimal_places=2)
    freight_amount = models.DecimalField(max_digits=14, decimal_places=2)
    total_amount = models.DecimalField(max_digits=14, decimal_places=2)
    paid_at = models.DateTimeField(null=True, blank=True, db_index=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Indexed with created_at below, which also serves the foreign key.
    credited_rep = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credited_orders",
        db_index=False,
    )
    credited_group = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="credited_group_orders"
    )
    credited_department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="credited_department_orders"
    )
    # Indexed with created_at below, which also serves the foreign key.
    customer_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "订单"
        indexes = [
            models.Index(fields=["customer", "created_at"]),
            # A rep's orders newest first, by the customers they own and by credit: each a
            # branch of their order list, its ids read from the index alone (`scope_branches`).
            models.Index(fields=["credited_rep", "created_at", "id"], name="order_credited_created"),
            models.Index(fields=["customer_owner", "created_at", "id"], name="order_owner_created_ids"),
            # The same for the orders still in flight (待付款, 已付款, 已发货): a rep's hundred
            # among their tens of thousands completed, which the indexes above walk past
            # (a rep's 已付款 list took 18 ms a branch at L, under 1 ms from these).
            models.Index(
                fields=["credited_rep", "created_at", "id"],
                condition=models.Q(status__in=IN_FLIGHT_STATUSES),
                name="order_credited_in_flight",
            ),
            models.Index(
                fields=["customer_owner", "created_at", "id"],
                condition=models.Q(status__in=IN_FLIGHT_STATUSES),
                name="order_owner_in_flight",
            ),
            # A list of one status, newest first (待付款, 已付款 this month): read in order from
            # the index, where the planner otherwise joins every order of the status since
            # the date to its customer before keeping twenty.
            models.Index(fields=["status", "created_at"], name="order_status_created"),
            # A narrower viewer's product sales on the days around whole months of a
            # complete month are read from the orders paid then (crm.analytics).
            models.Index(fields=["credited_rep", "paid_at"]),
            models.Index(fields=["credited_group", "paid_at"]),
            models.Index(fields=["credited_department", "paid_at"]),
            # Order-number prefix search (LIKE 'SO2026%'); the opclass is PostgreSQL's, and
            # other databases build a plain index.
            models.Index(fields=["mall_order_id"], opclasses=["varchar_pattern_ops"], name="order_number_prefix"),
        ]

    def __str__(self) -> str:
        return self.mall_order_id


class OrderItem(models.Model):
    """One line of an order: the product as it was sold (name and spec at the time)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="order_items")
    product_name = models.CharField(max_length=200)
    spec = models.CharField(max_length=100, blank=True)
    quantity = models.PositiveIntegerField()
    unit_price = models.DecimalField(max_digits=12, decimal_places=2)
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["order_id", "id"]

    def __str__(self) -> str:
        return f"{self.product_name} × {self.quantity}"


class OrderStatusChange(models.Model):
    """One change of an order's status with the mall's time, kept even when it arrives
    after a newer one (then it joins the timeline without moving the current status)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=20, choices=OrderStatus.choices)
    changed_at = models.DateTimeField()
    reason = models.CharField(max_length=255, blank=True)
    payment_method = models.CharField(max_length=20, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order_id", "changed_at", "id"]
        constraints = [models.UniqueConstraint(fields=["order", "status", "changed_at"], name="status_change_unique")]

    def __str__(self) -> str:
        return f"{self.order_id} {self.status} {self.changed_at:%Y-%m-%d %H:%M}"


class StockSnapshot(models.Model):
    """The mall's stock on hand of a product at a moment (`inventory.snapshot`)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="stock_snapshots")
    quantity = models.PositiveIntegerField()
    as_of = models.DateTimeField()

    class Meta:
        ordering = ["product_id", "as_of"]
        constraints = [models.UniqueConstraint(fields=["product", "as_of"], name="stock_snapshot_unique")]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.quantity} @ {self.as_of:%Y-%m-%d}"
