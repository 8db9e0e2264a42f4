"""The generated history, as rows of plain values (ints, strings, the sink's NULL) ready
for bulk loading. Times are epoch seconds until formatted as UTC text
("2025-03-04 05:06:07"), which both databases read in a UTC session; money is integer
cents until formatted once. Everything is drawn from one seeded random stream."""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from typing import Any

from crm.core.crypto import encrypt, phone_index

from tools.datasets.org import NEVER, OrgPlan
from tools.mall_simulator import names
from tools.mall_simulator.catalogue import WINTER_CATEGORIES, build_catalogue
from tools.mall_simulator.customers import CHURNER_SHARE, NEVER_BUYER_SHARE, SIZE_BY_PHARMACY_TYPE, customer_id
from tools.mall_simulator.orders import PAYMENT_METHOD_WEIGHTS, REASONS_AFTER_PAYMENT, REASONS_BEFORE_PAYMENT
from tools.mall_simulator.seasonality import HOUR_WEIGHTS, order_factor, winter_intensity

Row = tuple[Any, ...]
DAY = 86_400
SHANGHAI_OFFSET = 8 * 3600
INVITED_SHARE = 0.75
REASSIGNED_SHARE = 0.08
SENSITIVE_FILLED_SHARE = 0.10
CANCELLED_BEFORE_PAYMENT = 0.06
CANCELLED_AFTER_PAYMENT = 0.015 / (1 - CANCELLED_BEFORE_PAYMENT)
# (dictionary code of reassignment_reason, the supervisor's words)
REASSIGNMENT_REASONS = [
    ("territory_change", "区域调整"),
    ("workload_balance", "原销售代表工作调整"),
    ("customer_request", "客户要求更换对接人"),
    ("workload_balance", "销售组客户重新分配"),
]
# Lines per order, 1 … 6: about 2.5 on average.
LINE_COUNT_WEIGHTS = [32, 26, 18, 11, 8, 5]


def money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


class Clock:
    """Formats epoch seconds fast: one string per day, one per second of a day."""

    def __init__(self, first: int, last: int) -> None:
        self.first_day = first // DAY - 1
        epoch = datetime(1970, 1, 1, tzinfo=UTC)
        self.days = [
            (epoch + timedelta(days=day)).strftime("%Y-%m-%d ") for day in range(self.first_day, last // DAY + 2)
        ]
        self.seconds = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(DAY)]

    def format(self, moment: int) -> str:
        return self.days[moment // DAY - self.first_day] + self.seconds[moment % DAY]


@dataclass
class Customers:
    """What orders need to know about the customers, by index (id − 1)."""

    registered: list[int]
    cumulative_weight: list[float]
    active_until: list[int]
    size: list[float]
    first_owner: list[int]  # rep index + 1; 0 when unowned
    reassigned_at: list[int]  # NEVER when never reassigned
    second_owner: list[int]


def generate_customers(
    rng: random.Random, *, count: int, start: int, end: int, org: OrgPlan, clock: Clock, null: Any
) -> tuple[Customers, Iterator[list[Row]], Iterator[list[Row]]]:
    """The customers' behaviour, then their rows and their ownership rows, in chunks."""
    span = end - start
    random_ = rng.random
    # More register early: density 1.5 − x over the period; the first 1% on launch day.
    registered = []
    launch = max(1, count // 100)
    for index in range(count):
        if index < launch:
            registered.append(start + int(random_() * 3600))
        elif random_() < 0.5:
            registered.append(start + int(span * (1 - math.sqrt(random_()))))
        else:
            registered.append(start + int(span * random_()))
    registered.sort()
    types = list(names.PHARMACY_TYPES)
    type_weights = [names.PHARMACY_TYPES[code][1] for code in types]
    pharmacy_types = rng.choices(types, weights=type_weights, k=count)
    weights: list[float] = []
    active_until: list[int] = []
    sizes: list[float] = []
    for index in range(count):
        size = SIZE_BY_PHARMACY_TYPE[pharmacy_types[index]]
        sizes.append(size)
        weights.append(0.0 if random_() < NEVER_BUYER_SHARE else min(rng.paretovariate(1.1), 80.0) * size)
        if random_() < CHURNER_SHARE:
            active_until.append(registered[index] + int(rng.uniform(45, 400) * DAY))
        else:
            active_until.append(NEVER)
    reps = len(org.rep_ids)
    rep_appeal = list(accumulate(rng.lognormvariate(0, 0.5) for _ in range(reps)))
    first_owner = [0] * count
    reassigned_at = [NEVER] * count
    second_owner = [0] * count
    if reps:
        for index in range(count):
            if random_() < INVITED_SHARE:
                rep = bisect_right(rep_appeal, random_() * rep_appeal[-1])
                first_owner[index] = rep + 1
                if reps > 1 and random_() < REASSIGNED_SHARE:
                    moment = registered[index] + int((end - registered[index]) * rng.uniform(0.1, 0.95))
                    if moment > registered[index]:
                        other = rng.randrange(reps - 1)
                        second_owner[index] = (other if other < rep else other + 1) + 1
                        reassigned_at[index] = moment
    customers = Customers(
        registered, list(accumulate(weights)), active_until, sizes, first_owner, reassigned_at, second_owner
    )

    def customer_rows() -> Iterator[list[Row]]:
        chunk: list[Row] = []
        fmt = clock.format
        rep_ids = org.rep_ids
        for index in range(count):
            pharmacy_type = pharmacy_types[index]
            location = names.pick_location(rng)
            phone = names.mobile_number(rng)
            email = id_number = licence = ""
            if random_() < SENSITIVE_FILLED_SHARE:
                email = encrypt(names.email_address(rng))
                id_number = encrypt(names.id_number(rng, division_code=location.division_code))
                licence = encrypt(
                    names.business_licence_number(
                        rng, division_code=location.division_code, pharmacy_type=pharmacy_type
                    )
                )
            reg = registered[index]
            owner = second_owner[index] or first_owner[index]
            last_login = reg + int((min(end, active_until[index] + 30 * DAY) - reg) * random_() ** 0.3)
            updated = reassigned_at[index] if reassigned_at[index] != NEVER else reg
            chunk.append(
                (
                    index + 1,
                    customer_id(index + 1),
                    names.company_name(rng, pharmacy_type=pharmacy_type, location=location),
                    pharmacy_type,
                    names.person_name(rng),
                    encrypt(phone),
                    phone_index(phone),
                    phone[-4:],
                    email,
                    id_number,
                    licence,
                    location.province,
                    location.city,
                    location.district,
                    location.address,
                    fmt(reg),
                    fmt(min(last_login, end - 1)),
                    rep_ids[owner - 1] if owner else null,
                    null,  # last_order_at, first and last purchase: counted after the orders
                    null,
                    null,
                    null,  # no follow-ups in the benchmark datasets
                    null,
                    "mall",
                    null,
                    "{}",
                    fmt(reg),
                    fmt(updated),
                )
            )
            if len(chunk) >= 20_000:
                yield chunk
                chunk = []
        yield chunk

    def ownership_rows() -> Iterator[list[Row]]:
        chunk: list[Row] = []
        fmt = clock.format
        rep_ids = org.rep_ids
        number = 0
        for index in range(count):
            first = first_owner[index]
            if not first:
                continue
            number += 1
            moved = reassigned_at[index]
            reason_code, reason = rng.choice(REASSIGNMENT_REASONS) if moved != NEVER else ("", "")
            supervisor = null
            if moved != NEVER:
                new_rep = second_owner[index] - 1
                moved_at, group_before, _, group_after, _ = org.rep_timeline[new_rep]
                group = group_after if moved >= moved_at else group_before
                supervisor = org.supervisor_of_group.get(group, org.admin_id)
            chunk.append(
                (
                    number,
                    index + 1,
                    rep_ids[first - 1],
                    fmt(registered[index]),
                    fmt(moved) if moved != NEVER else null,
                    "invite_code",
                    "",
                    "邀请码注册绑定",
                    null,
                    reason_code,
                    "",
                    supervisor,
                )
            )
            if moved != NEVER:
                number += 1
                chunk.append(
                    (
                        number,
                        index + 1,
                        rep_ids[new_rep],
                        fmt(moved),
                        null,
                        "assignment",
                        reason_code,
                        reason,
                        supervisor,
                        "",
                        "",
                        null,
                    )
                )
            if len(chunk) >= 50_000:
                yield chunk
                chunk = []
        yield chunk

    return customers, customer_rows(), ownership_rows()


@dataclass
class Catalogue:
    rows: list[Row]
    price: list[int]  # cents, by product index
    name: list[str]
    spec: list[str]
    quantities: list[list[int]]  # typical quantities of a line, 16 per product
    popularity: list[float]
    winter: list[bool]


def generate_catalogue(rng: random.Random, *, count: int, category_ids: dict[str, int], at: str) -> Catalogue:
    products = build_catalogue(rng, size=count)
    rows: list[Row] = []
    prices: list[int] = []
    quantities: list[list[int]] = []
    for index, product in enumerate(products):
        cents = int(product.price * 100)
        prices.append(cents)
        rows.append(
            (
                index + 1,
                product.product_id,
                product.name,
                product.spec,
                product.unit,
                product.manufacturer,
                money(cents),
                category_ids[product.category_code],
                at,
            )
        )
        typical = []
        for _ in range(16):
            # A few hundred yuan of a line, in round numbers of boxes (orders.rounded_quantity).
            quantity = max(1, round(math.exp(rng.gauss(math.log(250), 0.8)) * 100 / cents))
            quantity -= quantity % 10 if quantity > 50 else quantity % 5 if quantity > 12 else 0
            typical.append(quantity)
        quantities.append(typical)
    return Catalogue(
        rows,
        prices,
        [product.name for product in products],
        [product.spec for product in products],
        quantities,
        [product.popularity for product in products],
        [product.category_code in WINTER_CATEGORIES for product in products],
    )


def _local_day(moment: int) -> date:
    return datetime.fromtimestamp(moment + SHANGHAI_OFFSET, UTC).date()


@dataclass
class OrderChunk:
    orders: list[Row]
    items: list[Row]
    changes: list[Row]


def generate_orders(
    rng: random.Random,
    *,
    count: int,
    start: int,
    end: int,
    customers: Customers,
    catalogue: Catalogue,
    org: OrgPlan,
    clock: Clock,
    null: Any,
    chunk_orders: int = 25_000,
    on_day: Callable[[int], None] | None = None,
) -> Iterator[OrderChunk]:
    """`count` orders over [start, end), day by day in time order. A day's volume follows
    the weekly rhythm, the cold season and Spring Festival, scaled by the customers
    registered so far; each order goes to a registered, still active customer drawn by
    its Pareto weight. Credit follows the ownership and membership history at created_at."""
    random_ = rng.random
    lognormal = rng.lognormvariate
    choice = rng.choice
    fmt = clock.format
    registered = customers.registered
    cumulative = customers.cumulative_weight
    active_until = customers.active_until
    sizes = customers.size
    first_owner = customers.first_owner
    reassigned_at = customers.reassigned_at
    second_owner = customers.second_owner
    rep_ids = org.rep_ids
    rep_timeline = org.rep_timeline
    prices = catalogue.price
    product_names = catalogue.name
    specs = catalogue.spec
    quantities = catalogue.quantities
    total_weight = cumulative[-1] if cumulative else 0.0

    first_day = (start + SHANGHAI_OFFSET) // DAY
    day_count = (end - start) // DAY
    factors = []
    for offset in range(day_count):
        day_start = (first_day + offset) * DAY - SHANGHAI_OFFSET
        known = bisect_right(registered, day_start + DAY // 2)
        share = (cumulative[known - 1] / total_weight) if known and total_weight else 0.0
        factors.append(order_factor(_local_day(day_start)) * max(0.03, share))
    factor_sum = sum(factors)
    per_day = []
    previous = 0
    running = 0.0
    for factor in factors:
        running += factor
        target = round(count * running / factor_sum)
        per_day.append(target - previous)
        previous = target

    # Products drawn by popularity, cold medicine more in winter: one table per month.
    month_tables: dict[int, tuple[list[float], float]] = {}
    for month in range(1, 13):
        intensity = winter_intensity(date(2025, month, 15))
        table = list(
            accumulate(
                popularity * (0.5 + 2.0 * intensity) if winter else popularity
                for popularity, winter in zip(catalogue.popularity, catalogue.winter, strict=True)
            )
        )
        month_tables[month] = (table, table[-1])
    hour_lookup: list[int] = []
    hour_total = sum(HOUR_WEIGHTS)
    for hour, weight in enumerate(HOUR_WEIGHTS):
        hour_lookup += [hour] * round(1000 * weight / hour_total)
    hour_slots = len(hour_lookup)
    line_lookup = [lines for lines, weight in enumerate(LINE_COUNT_WEIGHTS, start=1) for _ in range(weight)]
    line_slots = len(line_lookup)
    method_lookup = [method for method, weight in PAYMENT_METHOD_WEIGHTS.items() for _ in range(weight)]
    method_slots = len(method_lookup)
    log = math.log
    pay_mu, cancel_mu, late_cancel_mu = log(1500), log(7200), log(18000)
    ship_mu, complete_mu = log(64_800), log(345_600)

    order_id = item_id = change_id = 0
    orders: list[Row] = []
    items: list[Row] = []
    changes: list[Row] = []
    first_buyer = next((index for index, weight in enumerate(cumulative) if weight > 0), None)
    if first_buyer is None:
        return
    for offset in range(day_count):
        wanted = per_day[offset]
        if on_day is not None:
            on_day(offset)
        if not wanted:
            continue
        day_start = (first_day + offset) * DAY - SHANGHAI_OFFSET
        local = _local_day(day_start)
        prefix = f"SO{local:%Y%m%d}"
        table, table_total = month_tables[local.month]
        placed: list[tuple[int, int]] = []
        for _ in range(wanted):
            customer = -1
            moment = day_start
            for _attempt in range(8):
                moment = day_start + hour_lookup[int(random_() * hour_slots)] * 3600 + int(random_() * 3600)
                known = bisect_right(registered, moment)
                if not known or cumulative[known - 1] <= 0:
                    continue
                customer = bisect_right(cumulative, random_() * cumulative[known - 1], 0, known)
                if customer >= known:
                    customer = known - 1
                if moment < active_until[customer]:
                    break
            if customer < 0:
                customer = first_buyer
                moment = max(moment, registered[customer])
            placed.append((moment, customer))
        placed.sort()
        serial = 0
        for created, customer in placed:
            if created >= end:
                continue
            order_id += 1
            serial += 1
            # Credit (METRICS.md): owner at created_at, that rep's unit then.
            owner = first_owner[customer]
            if owner:
                if created >= reassigned_at[customer]:
                    owner = second_owner[customer]
                moved_at, group_before, department_before, group_after, department_after = rep_timeline[owner - 1]
                rep = rep_ids[owner - 1]
                if created >= moved_at:
                    group, department = group_after, department_after
                else:
                    group, department = group_before, department_before
            else:
                rep = group = department = null
            # The customer's owner now (its last period), which the order carries for the scope.
            current = second_owner[customer] or first_owner[customer]
            customer_owner = rep_ids[current - 1] if current else null
            # Lines.
            lines = line_lookup[int(random_() * line_slots)]
            chosen: list[int] = []
            subtotal = 0
            size = sizes[customer]
            for _line in range(lines):
                product = bisect_right(table, random_() * table_total)
                if product in chosen or product >= len(prices):
                    continue
                chosen.append(product)
                quantity = quantities[product][int(random_() * 16)]
                if size != 1.0:
                    quantity = max(1, int(quantity * size))
                price = prices[product]
                amount = quantity * price
                subtotal += amount
                item_id += 1
                items.append(
                    (
                        item_id,
                        order_id,
                        product + 1,
                        product_names[product],
                        specs[product],
                        quantity,
                        money(price),
                        money(amount),
                    )
                )
            discount = 0
            chance = random_()
            if subtotal >= 200_000 and chance < 0.4:
                discount = 10_000
            elif subtotal >= 100_000 and chance < 0.3:
                discount = 5_000
            elif chance < 0.1:
                discount = min(choice((500, 1000, 2000)), subtotal // 2)
            freight = 1200 if subtotal < 30_000 else 0
            method = method_lookup[int(random_() * method_slots)]
            # Life cycle, cut at the end of the period: recent orders are still under way.
            created_text = fmt(created)
            change_id += 1
            changes.append((change_id, order_id, "pending_payment", created_text, "", method, created_text))
            status = "pending_payment"
            last = created
            paid_text = shipped_text = completed_text = cancelled_text = null
            if random_() < CANCELLED_BEFORE_PAYMENT:
                reason = choice(REASONS_BEFORE_PAYMENT)
                delay = DAY if reason == "超时未付款" else min(max(int(lognormal(cancel_mu, 1.0)), 300), 82_800)
                if created + delay < end:
                    last = created + delay
                    status, cancelled_text = "cancelled", fmt(last)
                    change_id += 1
                    changes.append((change_id, order_id, status, cancelled_text, reason, "", cancelled_text))
            else:
                paid = created + min(max(int(lognormal(pay_mu, 1.0)), 60), DAY)
                if paid < end:
                    last = paid
                    status, paid_text = "paid", fmt(paid)
                    change_id += 1
                    changes.append((change_id, order_id, status, paid_text, "", method, paid_text))
                    if random_() < CANCELLED_AFTER_PAYMENT:
                        cancelled = paid + min(max(int(lognormal(late_cancel_mu, 1.0)), 1800), 2 * DAY)
                        if cancelled < end:
                            last = cancelled
                            status, cancelled_text = "cancelled", fmt(cancelled)
                            change_id += 1
                            changes.append(
                                (
                                    change_id,
                                    order_id,
                                    status,
                                    cancelled_text,
                                    choice(REASONS_AFTER_PAYMENT),
                                    "",
                                    cancelled_text,
                                )
                            )
                    else:
                        shipped = paid + min(max(int(lognormal(ship_mu, 1.0)), 7200), 4 * DAY)
                        if shipped < end:
                            last = shipped
                            status, shipped_text = "shipped", fmt(shipped)
                            change_id += 1
                            changes.append((change_id, order_id, status, shipped_text, "", "", shipped_text))
                            completed = shipped + min(max(int(lognormal(complete_mu, 0.5)), 2 * DAY), 9 * DAY)
                            if completed < end:
                                last = completed
                                status, completed_text = "completed", fmt(completed)
                                change_id += 1
                                changes.append((change_id, order_id, status, completed_text, "", "", completed_text))
            orders.append(
                (
                    order_id,
                    f"{prefix}{serial:05d}",
                    customer + 1,
                    created_text,
                    status,
                    method,
                    money(discount),
                    money(freight),
                    money(subtotal - discount + freight),
                    paid_text,
                    shipped_text,
                    completed_text,
                    cancelled_text,
                    rep,
                    group,
                    department,
                    customer_owner,
                    created_text,
                    fmt(last),
                )
            )
        if len(orders) >= chunk_orders:
            yield OrderChunk(orders, items, changes)
            orders, items, changes = [], [], []
    yield OrderChunk(orders, items, changes)


def generate_stock(
    rng: random.Random,
    *,
    catalogue: Catalogue,
    start: int,
    end: int,
    daily_products: int | None,
    expected_lines: int,
    clock: Clock,
) -> Iterator[list[Row]]:
    """End-of-day stock (22:00 in Shanghai) of every product: daily for the most popular
    `daily_products` (all when None), weekly (Mondays) for the rest. Stock runs down with
    the product's expected sales and is restocked below a week's cover; never negative."""
    random_ = rng.random
    fmt = clock.format
    first_day = (start + SHANGHAI_OFFSET) // DAY
    day_count = (end - start) // DAY
    total_popularity = sum(catalogue.popularity) or 1.0
    ranked = sorted(range(len(catalogue.price)), key=lambda index: -catalogue.popularity[index])
    daily = set(ranked if daily_products is None else ranked[:daily_products])
    times = [fmt((first_day + offset) * DAY - SHANGHAI_OFFSET + 22 * 3600) for offset in range(day_count)]
    mondays = {offset for offset in range(day_count) if (first_day + offset + 3) % 7 == 0}
    snapshot_id = 0
    chunk: list[Row] = []
    for product in range(len(catalogue.price)):
        typical = sum(catalogue.quantities[product]) / 16
        rate = max(1.0, expected_lines * catalogue.popularity[product] / total_popularity * typical / day_count)
        stock = int(rate * (20 + 40 * random_())) + 20
        every_day = product in daily
        for offset in range(day_count):
            stock -= int(rate * (0.3 + 1.4 * random_()))
            if stock < rate * 7:
                stock += int(rate * (20 + 25 * random_()))
            stock = max(stock, 0)
            if every_day or offset in mondays:
                snapshot_id += 1
                chunk.append((snapshot_id, product + 1, stock, times[offset]))
        if len(chunk) >= 100_000:
            yield chunk
            chunk = []
    yield chunk
