"""The rollups answer exactly what METRICS.md's definitions give straight from the raw
orders, for random histories: reassignments, a rep moving group, cancellations after
payment, status changes arriving late and out of order, orders recorded after the
statistics already summarised their day."""

import random
from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm.accounts.demo import build_demo_organisation
from crm.accounts.models import User
from crm.analytics import churn_figures, customer_figures, development_figures, metrics
from crm.analytics.composition import customer_composition
from crm.analytics.credit import Narrowing
from crm.analytics.customer_rollups import TRAILING_YEARS
from crm.analytics.customer_trailing import held_window, trailing_period
from crm.analytics.models import CreditedProductSales, DepartmentProductSales
from crm.analytics.product_figures import product_series, product_totals
from crm.analytics.product_ranking import rank_products
from crm.analytics.product_rollups import MONTH_SO_FAR, REST_OF_MONTH
from crm.analytics.rollups import rebuild_rollups, refresh_changed_days
from crm.analytics.tests import definitions
from crm.commerce.models import COUNTED_STATUSES, Category, Order, Product
from crm.commerce.services import record_order, record_status_change, upsert_product
from crm.core.models import ChangedDay
from crm.core.periods import Period, next_month, today
from crm.core.scope import ResolvedScope
from crm.customers.models import Customer
from crm.customers.services.mall import record_mall_customer
from crm.customers.services.ownership import close_period, open_period
from crm.dictionary.services import set_parameter
from crm.org.selectors import subtree_ids
from crm.org.services import move_person, update_department

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 1, 1, tzinfo=SHANGHAI)
EVERYTHING = ResolvedScope(everything=True)
PERIODS = [
    Period(datetime(2025, 12, 1).date(), datetime(2026, 8, 1).date()),  # whole months only
    Period(datetime(2026, 1, 17).date(), datetime(2026, 4, 9).date()),  # months and days
    Period(datetime(2026, 2, 1).date(), datetime(2026, 2, 2).date()),  # one day
    Period(datetime(2026, 3, 30).date(), datetime(2026, 5, 1).date()),  # a month and two days
]

# A history: per customer its owner changes (day offset, rep index or None: the pool) and
# its orders (day offset, hour, amount in yuan, the fate of the order, when it arrives).
owner_change = st.tuples(st.integers(0, 150), st.one_of(st.none(), st.integers(0, 2)))
order = st.tuples(
    st.integers(0, 170),
    st.integers(0, 23),
    st.integers(1, 900),
    st.sampled_from(["pending", "paid", "shipped", "completed", "cancelled_unpaid", "cancelled_paid"]),
    st.integers(0, 2),  # which product, and how many lines
    st.booleans(),  # its status changes arrive shuffled
)
history = st.lists(
    st.tuples(st.lists(owner_change, min_size=1, max_size=3), st.lists(order, max_size=5)), min_size=1, max_size=4
)


@pytest.fixture
def organisation(db):
    return build_demo_organisation(joined_at=START - timedelta(days=60))


def _customers(cast, customers_history):
    reps = [cast.rep_li, cast.rep_zhang, cast.rep_liu]
    customers = []
    for number, (changes, _orders) in enumerate(customers_history):
        values = {
            "company_name": f"药房{number}",
            "pharmacy_type": "single",
            "contact_name": "店长",
            "province": ["浙江省", "江苏省"][number % 2],
        }
        registered = START - timedelta(days=3 * number)  # before any order; counted by day
        customer = record_mall_customer(
            mall_customer_id=f"C{number}", values={**values, "registered_at": registered}, at=registered
        ).customer
        for offset, rep in sorted(changes, key=lambda change: change[0]):
            at = START + timedelta(days=offset, hours=number)
            if customer.owner_id is not None:
                close_period(customer, at=at, actor=cast.supervisor, code="territory_change", reason="")
            if rep is not None:
                open_period(customer, reps[rep], at=at, source="assignment", actor=cast.supervisor, code="", reason="")
        customers.append(customer)
    return customers


def _status_changes(created: datetime, fate: str) -> list[tuple[str, datetime]]:
    paid = created + timedelta(hours=5)
    steps = {
        "pending": [],
        "paid": [("paid", paid)],
        "shipped": [("paid", paid), ("shipped", paid + timedelta(days=1))],
        "completed": [("paid", paid), ("shipped", paid + timedelta(days=1)), ("completed", paid + timedelta(days=4))],
        "cancelled_unpaid": [("cancelled", created + timedelta(hours=30))],
        "cancelled_paid": [("paid", paid), ("cancelled", paid + timedelta(days=2))],
    }
    return steps[fate]


def _record_orders(customers, customers_history, products, shuffle: random.Random):
    work = []
    for number, ((_changes, orders), customer) in enumerate(zip(customers_history, customers, strict=True)):
        for index, (offset, hour, yuan, fate, lines, shuffled) in enumerate(orders):
            created = START + timedelta(days=offset, hours=hour)
            changes = _status_changes(created, fate)
            if shuffled:
                shuffle.shuffle(changes)
            items = [
                {
                    "product": product,
                    "product_name": product.name,
                    "quantity": 2 + line,
                    "unit_price": product.price,
                    "amount": product.price * (2 + line),
                }
                for line, product in enumerate(products[: lines + 1])
            ]
            total = sum((item["amount"] for item in items), Decimal(yuan))
            work.append((f"O{number}-{index}", customer, created, items, total, changes))
    shuffle.shuffle(work)  # orders arrive in any order, some after their day was summarised
    for mall_order_id, customer, created, items, total, changes in work:
        recorded, _ = record_order(
            mall_order_id=mall_order_id,
            customer=customer,
            created_at=created,
            status="pending_payment",
            payment_method="online",
            items=items,
            discount_amount=Decimal("0.00"),
            freight_amount=Decimal("0.00"),
            total_amount=total,
        )
        for status, changed_at in changes:
            record_status_change(order=recorded, status=status, changed_at=changed_at)
            recorded.refresh_from_db()
        if shuffle.random() < 0.3:
            refresh_changed_days()


def _credited_within(scope):
    def credited(order):
        return (
            order.credited_rep_id in scope.person_ids
            or order.credited_group_id in scope.department_ids
            or order.credited_department_id in scope.department_ids
        )

    return credited


def _viewers(cast):
    """Who reads product sales, and which orders each one's figures keep: the company,
    a supervisor (their group's people and units), a manager (a department and its
    groups), a rep on their own, one rep, one group."""
    supervisor = cast.supervisor.resolved_scope()
    in_scope = _credited_within(supervisor)
    manager, rep = cast.manager.resolved_scope(), cast.rep_li.resolved_scope()
    return [
        (EVERYTHING, None, lambda order: True),
        (supervisor, None, in_scope),
        (manager, None, _credited_within(manager)),
        (rep, None, _credited_within(rep)),
        (EVERYTHING, Narrowing(rep=cast.rep_zhang.id), lambda order: order.credited_rep_id == cast.rep_zhang.id),
        (
            supervisor,
            Narrowing(group=cast.shanghai_group.id),
            lambda order: in_scope(order) and order.credited_group_id == cast.shanghai_group.id,
        ),
    ]


def _department_viewer(department):
    """What a manager of this department would see: its tree and the people in it now."""
    units = frozenset(subtree_ids(department))
    people = frozenset(User.objects.filter(department_id__in=units).values_list("id", flat=True))
    scope = ResolvedScope(everything=False, person_ids=people, department_ids=units)
    return (scope, None, _credited_within(scope))


def _assert_rollups_agree(viewers):
    for period in PERIODS:
        for by, column in [
            ("company", ""),
            ("rep", "credited_rep_id"),
            ("group", "credited_group_id"),
            ("department", "credited_department_id"),
        ]:
            expected = definitions.sales_by(period, column)
            answered = metrics.sales_totals(period, scope=EVERYTHING, by=by)
            assert {
                key: {name: value for name, value in vars(totals).items() if value}
                for key, totals in answered.items()
                if any(vars(totals).values())
            } == expected, (period, by)
        _assert_products_agree(period, viewers)
        developed = definitions.development(period)
        for column, index in [("rep", 0), ("group", 2), ("department", 3)]:
            expected_counts: dict = {}
            for facts in developed.values():
                counts = expected_counts.setdefault(facts[index], [0, 0])
                counts[0] += 1
                counts[1] += facts[1]
            answered = development_figures.development(period, scope=EVERYTHING, by=column)
            assert {key: [value.developed, value.converted] for key, value in answered.items()} == expected_counts
        assert {
            key: (value.sales_amount, value.purchase_count, value.first_paid_at, value.last_paid_at)
            for key, value in customer_figures.customer_values(period, scope=EVERYTHING).items()
        } == definitions.customer_values(period), period
        _assert_customers_summarised(period)
    # The dashboard's periods, read together from their days: what each reads alone.
    for scope in [EVERYTHING, *(scope for scope, _narrowing, _credited in viewers)]:
        together = metrics.sales_totals_within(PERIODS, scope=scope)
        alone = [metrics.sales_totals(period, scope=scope).get(None, metrics.SalesTotals()) for period in PERIODS]
        assert together == alone, scope


# Customer value over one calendar month, quarter or year is read from its own rollups,
# over other periods from their calendar pieces (a year, quarters, months, days).
CALENDAR_PERIODS = [
    Period(datetime(2026, 2, 1).date(), datetime(2026, 3, 1).date()),
    Period(datetime(2026, 4, 1).date(), datetime(2026, 7, 1).date()),
    Period(datetime(2026, 1, 1).date(), datetime(2027, 1, 1).date()),
    Period(datetime(2025, 12, 15).date(), datetime(2027, 1, 1).date()),  # days and a year
    Period(datetime(2026, 1, 1).date(), datetime(2026, 5, 1).date()),  # a quarter and a month
    PERIODS[1],  # days, months, days
]


def _assert_customers_summarised(period, scope=EVERYTHING):
    """Customer value as METRICS.md defines it, over the customers the viewer may see now."""
    expected = definitions.customer_values(period)
    customers = Customer.objects.within(scope)
    visible = set(customers.values_list("id", flat=True))
    expected = {key: value for key, value in expected.items() if key in visible}
    summary = customer_figures.customer_summary(period, scope=scope)
    assert (summary.purchasing_customers, summary.sales_amount, summary.purchase_count) == (
        len(expected),
        sum((value[0] for value in expected.values()), Decimal("0.00")),
        sum(value[1] for value in expected.values()),
    ), (period, scope)
    assert sum(summary.frequency.values()) == customers.filter(registered_at__lt=period.ends_at).count()
    for band, low, high in [("1", 1, 1), ("2", 2, 2), ("3-5", 3, 5)]:
        assert summary.frequency[band] == sum(1 for value in expected.values() if low <= value[1] <= high), band
    cycles = [(value[3] - value[2]).total_seconds() / (value[1] - 1) for value in expected.values() if value[1] > 1]
    average = sum(cycles) / len(cycles) / 86_400 if cycles else None
    if average is None:
        assert summary.average_purchase_cycle_days is None
    else:
        assert abs(summary.average_purchase_cycle_days - Decimal(str(average))) <= Decimal("0.006"), period
    best = sorted(expected, key=lambda key: (-expected[key][0], key))[:3]
    assert [key for key, _, _ in customer_figures.top_customers(period, scope=scope, limit=3)] == best
    # The summary and the top customers read together (one grouping for a narrow scope); at
    # most four customers buy, so the first one and two tell the order.
    for limit in (1, 2):
        together = customer_figures.summary_and_top_customers(period, scope=scope, limit=limit)
        assert together == (summary, customer_figures.top_customers(period, scope=scope, limit=limit)), period
    fewest = sorted(expected, key=lambda key: (expected[key][1], key))[:3]
    assert [
        key
        for key, _, _ in customer_figures.top_customers(
            period, scope=scope, figure="purchase_count", descending=False, limit=3
        )
    ] == fewest


def _assert_calendar_customers_summarised(cast):
    scopes = (EVERYTHING, cast.supervisor.resolved_scope(), cast.rep_li.resolved_scope())
    for period in CALENDAR_PERIODS:
        for scope in scopes:
            _assert_customers_summarised(period, scope)
    _assert_trailing_customers_summarised(cast, today())
    # 客户构成 as of whole months, and as of a time inside a month with registrations in it.
    for before in [
        START - timedelta(days=2, hours=3),
        START,
        datetime(2026, 1, 20, 9, tzinfo=SHANGHAI),
        datetime(2026, 3, 1, tzinfo=SHANGHAI),
    ]:
        for scope in scopes:
            registered = Customer.objects.within(scope).filter(registered_at__lt=before)
            composition = customer_composition(scope=scope, registered_before=before)
            for key, column in [("by_pharmacy_type", "pharmacy_type"), ("by_province", "province")]:
                expected = Counter(registered.values_list(column, flat=True))
                assert {row["key"]: row["customers"] for row in composition[key]} == expected, (before, key)


def _assert_trailing_customers_summarised(cast, day):
    """近12个月 and 近3年 as they stand on `day`, read from the windows' own rows."""
    for name in TRAILING_YEARS:
        period = trailing_period(name, day)
        assert held_window(period) == name
        for scope in (EVERYTHING, cast.supervisor.resolved_scope(), cast.rep_li.resolved_scope()):
            _assert_customers_summarised(period, scope)


def _assert_trailing_windows_slide(cast):
    """The windows slide as the business day turns: to a day inside the history (the
    window ends in it), then to one where the year-long window starts inside it."""
    for day in (datetime(2026, 4, 10).date(), datetime(2026, 4, 12).date(), datetime(2027, 3, 15).date()):
        with mock.patch("crm.analytics.customer_trailing.today", return_value=day):
            refresh_changed_days()
        _assert_trailing_customers_summarised(cast, day)


def _assert_products_ranked(period, scope, narrowing, credited):
    """Best and slowest sellers by product and category, both figures: ranks shared as
    METRICS.md's rankings say; the company ranks its whole catalogue, unsold included."""
    sold = definitions.products(period, credited)
    company = scope.everything and not narrowing
    category_of = dict(Product.objects.values_list("id", "category_id"))
    for by, catalogue in [("product", Product), ("category", Category)]:
        totals: dict = (
            {key: [Decimal("0"), 0] for key in catalogue.objects.values_list("id", flat=True)} if company else {}
        )
        for product, (amount, quantity) in sold.items():
            key = product if by == "product" else category_of[product]
            if key is not None:
                totals.setdefault(key, [Decimal("0"), 0])
                totals[key][0] += amount
                totals[key][1] += quantity
        for figure, index in [("sales_amount", 0), ("quantity", 1)]:
            values = {key: total[index] for key, total in totals.items()}
            ranking = rank_products(period, scope=scope, by=by, narrowing=narrowing, figure=figure, limit=2)
            for answered, descending in [(ranking.best, True), (ranking.slowest, False)]:
                ranks = metrics.competition_ranks(values, descending=descending)
                expected = sorted(values, key=lambda key: (ranks[key], key))[:2]
                assert [(row.id, row.rank) for row in answered] == [(key, ranks[key]) for key in expected], (
                    period,
                    scope,
                    narrowing,
                    by,
                    figure,
                    descending,
                )
                assert [getattr(row.totals, figure) for row in answered] == [values[key] for key in expected]
            assert (ranking.totals.sales_amount, ranking.totals.quantity) == (
                sum((amount for amount, _ in sold.values()), Decimal("0")),
                sum(quantity for _, quantity in sold.values()),
            )


def _assert_calendar_products(viewers):
    """Product sales over periods of calendar pieces (a year, quarters, months, days),
    which a viewer who sees some units reads from their units' rows."""
    for period in CALENDAR_PERIODS:
        _assert_products_agree(period, viewers)


def _assert_products_agree(period, viewers):
    """Each viewer's sales per product over the period, and their rankings."""
    for scope, narrowing, credited in viewers:
        answered = product_totals(period, scope=scope, narrowing=narrowing)
        assert {key: (total.sales_amount, total.quantity) for key, total in answered.items()} == (
            definitions.products(period, credited)
        ), (period, scope, narrowing)
        _assert_products_ranked(period, scope, narrowing, credited)


def _cancel_one_paid_in(month):
    """A late cancellation of an order paid in the month, if one was."""
    paid = Order.objects.filter(
        status__in=COUNTED_STATUSES,
        paid_at__gte=datetime.combine(month, time(), SHANGHAI),
        paid_at__lt=datetime.combine(next_month(month), time(), SHANGHAI),
    ).first()
    if paid is not None:
        record_status_change(order=paid, status="cancelled", changed_at=paid.paid_at + timedelta(days=300))


def _assert_window_edges_by_day(viewers, day):
    """On `day` (a year after the history), the month 近12个月 starts in is the one month
    the credited product sales keep by day; what the window and the periods with days in
    that month read from it agree with the orders."""
    edge = date(day.year - 1, day.month, 1)
    assert set(CreditedProductSales.objects.filter(day__isnull=False).values_list("month", flat=True)) <= {edge}
    assert not CreditedProductSales.objects.filter(month=edge, day=None).exists()
    # The departments' rows over the rest of that month are those of the windows' first days.
    rests = DepartmentProductSales.objects.filter(grain=REST_OF_MONTH).values_list("start", flat=True)
    assert set(rests) <= {trailing_period(name, day).start for name in TRAILING_YEARS}
    # Most of a month, inside it: the company's are its month less the other days.
    inside = Period(date(day.year - 1, day.month, 3), date(day.year - 1, day.month, 28))
    for period in [trailing_period("12m", day), inside, *PERIODS]:
        _assert_products_agree(period, viewers)


def _assert_series_agree(viewers):
    for period, grain in [(PERIODS[1], "week"), (PERIODS[1], "month"), (PERIODS[0], "quarter"), (PERIODS[3], "day")]:
        for scope, narrowing, credited in viewers:
            for bucket, total in product_series(period, grain, scope=scope, narrowing=narrowing):
                expected = definitions.products(bucket, credited).values()
                assert (total.sales_amount, total.quantity) == (
                    sum((amount for amount, _ in expected), Decimal("0")),
                    sum(quantity for _, quantity in expected),
                ), (bucket, grain, scope, narrowing)
        for bucket, totals in metrics.sales_series(period, grain, scope=EVERYTHING):
            answered = {name: value for name, value in vars(totals).items() if value}
            assert answered == definitions.sales_by(bucket, "").get(None, {}), (bucket, grain)
        for bucket, development in development_figures.development_series(period, grain, scope=EVERYTHING):
            facts = definitions.development(bucket).values()
            assert (development.developed, development.converted) == (len(facts), sum(fact[1] for fact in facts))


WINDOW = timedelta(days=30)
IN_MARCH = datetime(2026, 3, 10).date()
IN_DECEMBER = datetime(2026, 12, 7).date()
IN_APRIL_A_YEAR_ON = datetime(2027, 4, 10).date()


def _assert_churn_agrees(cast):
    """For the company, and for a supervisor: the customers their people own now."""
    supervisor = cast.supervisor.resolved_scope()
    theirs = set(Customer.objects.filter(owner_id__in=supervisor.person_ids).values_list("id", flat=True))
    for scope, visible in [(EVERYTHING, None), (supervisor, theirs)]:
        for period, grain in [(PERIODS[0], "month"), (PERIODS[1], "week")]:
            for bucket, churn in churn_figures.churn_series(period, grain, scope=scope):
                became = definitions.lost_in(bucket, WINDOW)
                lost = definitions.lost_as_of(bucket.ends_at, WINDOW)
                if visible is not None:
                    became, lost = became & visible, lost & visible
                assert churn.became_lost == len(became), (bucket, grain, scope)
                assert churn.at_end.lost == len(lost), (bucket, grain, scope)
                assert churn.at_end == churn_figures.churn_as_of(bucket.ends_at, scope=scope)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(customers_history=history, moves=st.lists(st.integers(0, 160), max_size=2), seed=st.integers(0, 10_000))
def test_rollups_answer_as_the_definitions(organisation, customers_history, moves, seed):
    with transaction.atomic():
        cast = organisation
        set_parameter(actor=cast.admin, key="churn_warning_days", value=20)
        set_parameter(actor=cast.admin, key="churn_window_days", value=WINDOW.days)
        products = [
            upsert_product(
                mall_product_id=f"P{number}",
                name=f"产品{number}",
                spec="",
                unit="盒",
                manufacturer="",
                price=Decimal(f"{number + 3}.50"),
                category=[{"code": "A", "name": "抗感染药"}, {"code": "B", "name": "维生素"}, None, None][number],
                at=START,
            )
            for number in range(4)  # the last is never sold: the company's slowest seller
        ]
        customers = _customers(cast, customers_history)
        # 张伟 moves between the two groups and back: old orders stay with the group of then.
        groups = [cast.hangzhou_group, cast.shanghai_group]
        for step, offset in enumerate(sorted(set(moves))):
            move_person(
                actor=cast.admin,
                person=cast.rep_zhang,
                department=groups[step % 2],
                at=START + timedelta(days=offset, minutes=30),
            )
        viewers = _viewers(cast)
        # The history is recorded in March: the credited product sales keep February and
        # March by day (and read January's days from the orders); later, all is compacted.
        with mock.patch("crm.analytics.product_rollups.today", return_value=IN_MARCH):
            _record_orders(customers, customers_history, products, random.Random(seed))
            refresh_changed_days()
            assert not ChangedDay.objects.exists()
            _assert_rollups_agree(viewers)
            _assert_series_agree(viewers)
        with mock.patch("crm.analytics.product_rollups.today", return_value=IN_DECEMBER):
            refresh_changed_days()  # no window starts in the history's months
        assert not CreditedProductSales.objects.filter(day__isnull=False).exists()
        assert not DepartmentProductSales.objects.filter(grain=MONTH_SO_FAR).exists()
        _assert_rollups_agree(viewers)
        _assert_series_agree(viewers)
        _assert_calendar_products(viewers)
        _assert_churn_agrees(cast)
        _assert_calendar_customers_summarised(cast)
        # The supervisor's people now own another customer, with its lapses and registration.
        moved = customers[-1]
        close_period(moved, at=START + timedelta(days=200), actor=cast.supervisor, code="territory_change", reason="")
        open_period(
            moved,
            cast.rep_li,
            at=START + timedelta(days=200),
            source="assignment",
            actor=cast.supervisor,
            code="",
            reason="",
        )
        refresh_changed_days()
        _assert_churn_agrees(cast)
        _assert_calendar_customers_summarised(cast)
        rebuild_rollups()
        _assert_rollups_agree(viewers)
        _assert_calendar_products(viewers)
        _assert_churn_agrees(cast)
        _assert_calendar_customers_summarised(cast)
        _assert_trailing_windows_slide(cast)
        # 杭州组 moves to another department: the region keeps what was credited to it then,
        # and the department it joins sees those sales by their exact keys.
        update_department(actor=cast.admin, department=cast.hangzhou_group, parent=cast.service_department)
        manager = User.objects.get(id=cast.manager.id).resolved_scope()
        assert cast.hangzhou_group.id not in manager.department_ids
        joined = _department_viewer(cast.service_department)
        _assert_calendar_products([(manager, None, _credited_within(manager)), joined])
        viewers = [*viewers, joined]
        # A year on, the month the year-long window starts in is kept by day; it slides as
        # the month turns, and a rebuild writes it so too.
        for day in (IN_APRIL_A_YEAR_ON, IN_APRIL_A_YEAR_ON + timedelta(days=30)):
            with mock.patch("crm.analytics.product_rollups.today", return_value=day):
                refresh_changed_days()
                _cancel_one_paid_in(date(day.year - 1, day.month, 1))  # the month held by day changes
                refresh_changed_days()
                _assert_window_edges_by_day(viewers, day)
        with mock.patch("crm.analytics.product_rollups.today", return_value=IN_APRIL_A_YEAR_ON):
            rebuild_rollups()
            _assert_window_edges_by_day(viewers, IN_APRIL_A_YEAR_ON)
            _assert_series_agree(viewers)
        transaction.set_rollback(True)
