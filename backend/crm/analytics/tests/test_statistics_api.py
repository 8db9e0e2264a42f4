"""The statistics API over the book (crm.customers.tests.book): every figure under the
viewer's scope, credit following history (转手药房's orders stay with who owned it then),
rankings with shared ranks, clear errors for bad periods."""

import io
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from crm.analytics.customer_rollups import move_customer_periods
from crm.analytics.models import CreditedProductSales, CustomerSalesDay, DepartmentProductSales
from crm.analytics.product_rollups import MONTH_SO_FAR, REST_OF_MONTH
from crm.analytics.rollups import refresh_changed_days
from crm.analytics.tests.downloads import download
from crm.commerce.services import record_order, record_status_change
from crm.customers.services.ownership import set_owner
from crm.customers.tests.book import Book, _order, build_book
from crm.org.models import Membership

SPRING = {"start": "2026-02-01", "end": "2026-05-01"}
# Sales in spring: 李明 125 + 625 (转手药房 before its move), 张伟 250, 刘洋 375 + 750 (after
# the move), the pool customer's 500 credited to nobody.
SALES_SEEN = {
    "admin": "2625.00",
    "executive": "2625.00",
    "manager": "2125.00",
    "supervisor": "1000.00",
    "rep_li": "750.00",
    "rep_zhang": "250.00",
    "rep_liu": "1125.00",
}


@pytest.fixture
def summarised(book: Book) -> Book:
    refresh_changed_days()
    return book


@pytest.mark.parametrize("person", [*SALES_SEEN, "after_sales"])
def test_performance_totals_follow_the_scope(summarised, as_person, person):
    response = as_person(person).get("/api/v1/statistics/performance", {**SPRING, "grain": "month"})

    if person == "after_sales":
        assert response.status_code == 403
        return
    body = response.json()
    assert body["totals"]["sales_amount"] == SALES_SEEN[person]
    assert [point["start"] for point in body["series"]] == ["2026-02-01", "2026-03-01", "2026-04-01"]
    assert sum(Decimal(point["sales_amount"]) for point in body["series"]) == Decimal(SALES_SEEN[person])
    assert body["previous_period"] == {"start": "2025-11-01", "end": "2026-02-01"}


def test_the_series_puts_each_sale_on_its_payment_day(summarised, as_person):
    body = as_person("rep_liu").get("/api/v1/statistics/performance", {**SPRING, "grain": "month"}).json()

    assert [(point["sales_amount"], point["sales_order_count"]) for point in body["series"]] == [
        ("375.00", 1),
        ("0.00", 0),
        ("750.00", 1),
    ]
    assert body["totals"]["order_count"] == body["totals"]["paid_count"] == 2


def test_a_supervisor_sees_the_group_side_by_side_ranked(summarised, as_person, cast):
    body = as_person("supervisor").get("/api/v1/statistics/breakdown", {**SPRING, "by": "rep"}).json()

    assert [(row["name"], row["sales_amount"], row["rank"]) for row in body["rows"]] == [
        ("李明", "750.00", 1),
        ("张伟", "250.00", 2),
    ]


def test_development_counts_first_owners_and_conversion_before_the_end(summarised, as_person):
    joined = {"start": "2025-06-01", "end": "2026-03-01", "by": "rep", "grain": "month"}
    rows = as_person("admin").get("/api/v1/statistics/breakdown", joined).json()["rows"]
    developed = {row["name"]: (row["developed"], row["converted"], row["conversion_rate"]) for row in rows}

    assert developed == {"李明": (2, 2, "1.0000"), "张伟": (1, 1, "1.0000"), "刘洋": (1, 1, "1.0000")}
    before_buying = {**joined, "end": "2025-07-01"}
    rows = as_person("admin").get("/api/v1/statistics/breakdown", before_buying).json()["rows"]
    assert {row["name"]: row["converted"] for row in rows} == {"李明": 0, "张伟": 0, "刘洋": 0}


def test_rankings_share_ranks_and_rank_either_way(summarised, as_person, book):
    # 张伟's second order makes 张伟 and 李明 equal.
    record_order(
        mall_order_id="O2B",
        customer=book.zhang_customer,
        created_at=book.orders["2"].created_at + timedelta(days=1),
        status="paid",
        payment_method="online",
        items=[],
        discount_amount=Decimal("0"),
        freight_amount=Decimal("0"),
        total_amount=Decimal("500.00"),
    )
    refresh_changed_days()
    client = as_person("admin")

    down = client.get("/api/v1/statistics/rankings", {**SPRING, "subject": "rep"}).json()["rows"]
    up = client.get("/api/v1/statistics/rankings", {**SPRING, "subject": "rep", "direction": "asc"}).json()["rows"]

    assert [(row["name"], row["rank"], row["value"]) for row in down] == [
        ("刘洋", 1, "1125.00"),
        ("李明", 2, "750.00"),
        ("张伟", 2, "750.00"),
    ]
    assert [(row["name"], row["rank"]) for row in up] == [("李明", 1), ("张伟", 1), ("刘洋", 3)]
    customers = client.get("/api/v1/statistics/rankings", {**SPRING, "subject": "customer", "limit": 2}).json()
    assert [(row["name"], row["value"]) for row in customers["rows"]] == [
        ("转手药房", "1375.00"),
        ("康泰药店", "750.00"),
    ]


def test_a_rep_ranks_only_what_they_may_see(summarised, as_person):
    rows = as_person("rep_li").get("/api/v1/statistics/rankings", {**SPRING, "subject": "customer"}).json()["rows"]

    # 转手药房 is 刘洋's now: 李明 no longer sees it among his customers.
    assert [(row["name"], row["value"]) for row in rows] == [("仁心大药房", "125.00")]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"start": "2026-03-01", "end": "2026-03-01"}, "end"),
        ({"start": "2020-01-01", "end": "2026-03-01"}, "start"),
        ({"start": "2022-01-01", "end": "2026-03-01", "grain": "day"}, "grain"),
        ({"start": "2026-01-01", "grain": "fortnight"}, "grain"),
        ({"start": "2026-13-01"}, "start"),
    ],
)
def test_a_bad_period_is_named(summarised, as_person, query, field):
    response = as_person("admin").get("/api/v1/statistics/performance", query)

    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_a_ranking_refuses_a_figure_its_subject_has_not(summarised, as_person):
    response = as_person("admin").get("/api/v1/statistics/rankings", {"subject": "product", "figure": "developed"})

    assert response.status_code == 400
    assert "sales_amount" in response.json()["fields"]["figure"][0]


def test_the_dashboard_shows_my_month_and_my_place_in_the_group(summarised, as_person, book):
    now = timezone.now()
    order, _ = record_order(
        mall_order_id="TODAY",
        customer=book.li_customer,
        created_at=now - timedelta(minutes=5),
        status="pending_payment",
        payment_method="online",
        items=[],
        discount_amount=Decimal("0"),
        freight_amount=Decimal("0"),
        total_amount=Decimal("88.00"),
    )
    record_status_change(order=order, status="paid", changed_at=now - timedelta(minutes=1))
    refresh_changed_days()

    body = as_person("rep_li").get("/api/v1/statistics/dashboard").json()

    assert body["today"]["sales_amount"] == body["this_month"]["sales_amount"] == "88.00"
    assert body["this_month"]["paid_count"] == 1
    assert body["group_rank"] == {"rank": 1, "of": 3, "group_name": "上海一组"}
    assert body["people"] == []
    supervisor = as_person("supervisor").get("/api/v1/statistics/dashboard").json()
    assert [(row["name"], row["sales_amount"]) for row in supervisor["people"]] == [("李明", "88.00"), ("张伟", "0.00")]


def test_a_manager_exports_the_breakdown_as_shown(summarised, as_person, export):
    client = as_person("manager")

    done = export(client, {"kind": "statistics_breakdown", "format": "xlsx", "params": {**SPRING, "by": "rep"}})

    assert (done["status"], done["total_rows"]) == ("succeeded", 3)
    sheet = load_workbook(io.BytesIO(download(client, done["id"]))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("排名", "名称", "订单数")
    assert [(row[0], row[1], Decimal(str(row[8]))) for row in rows[1:]] == [
        (1, "刘洋", Decimal("1125")),
        (2, "李明", Decimal("750")),
        (3, "张伟", Decimal("250")),
    ]


def test_a_statistics_export_with_a_bad_period_is_refused_at_once(summarised, as_person):
    response = as_person("admin").post(
        "/api/v1/exports/",
        {
            "kind": "statistics_breakdown",
            "format": "csv",
            "params": {"by": "rep", "start": "2026-03-01", "end": "2026-02-01"},
        },
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["params.end"]


def test_products_rank_best_and_slowest_sellers(summarised, as_person):
    body = as_person("admin").get("/api/v1/statistics/products", SPRING).json()

    assert (body["sales_amount"], body["quantity"]) == ("2625.00", 210)
    assert [(row["name"], row["rank"], row["sales_amount"], row["quantity"]) for row in body["best"]] == [
        ("阿莫西林胶囊 0.25g×24粒", 1, "2625.00", 210)
    ]
    supervisor = as_person("supervisor").get("/api/v1/statistics/products", SPRING).json()
    assert (supervisor["sales_amount"], supervisor["quantity"]) == ("1000.00", 80)
    ranked = as_person("admin").get(
        "/api/v1/statistics/rankings", {**SPRING, "subject": "product", "figure": "quantity", "direction": "asc"}
    )
    assert [(row["rank"], row["name"], row["value"]) for row in ranked.json()["rows"]] == [
        (1, "阿莫西林胶囊 0.25g×24粒", "210")
    ]


def test_customer_value_covers_the_customers_one_sees_with_all_their_purchases(summarised, as_person):
    admin = as_person("admin").get("/api/v1/statistics/customers", SPRING).json()

    assert [(row["name"], row["sales_amount"], row["purchase_count"]) for row in admin["top"]][:2] == [
        ("转手药房", "1375.00", 2),
        ("公海药店", "500.00", 1),
    ]
    assert admin["top"][0]["purchase_cycle_days"] == admin["average_purchase_cycle_days"] == "59.00"
    assert {row["band"]: row["customers"] for row in admin["frequency"]} == {
        "0": 0,
        "1": 4,
        "2": 1,
        "3-5": 0,
        "6-10": 0,
        "11+": 0,
    }
    liu = as_person("rep_liu").get("/api/v1/statistics/customers", SPRING).json()
    # 转手药房 is 刘洋's now, with the purchase made while it was 李明's.
    assert [(row["name"], row["sales_amount"]) for row in liu["top"]] == [
        ("转手药房", "1375.00"),
        ("西湖诊所", "375.00"),
    ]
    assert liu["composition"]["by_province"] == [{"key": "上海市", "customers": 1}, {"key": "浙江省", "customers": 1}]


def test_a_narrow_scope_gets_its_customer_value_from_one_grouping(summarised, as_person):
    """Over a period of calendar pieces (spring is three months), a rep's summary and top
    customers come from one grouping of their customers, not a second reading for the top."""
    client = as_person("rep_liu")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/statistics/customers", SPRING).status_code == 200
    statements = [query["sql"] for query in queries.captured_queries]
    assert sum("WITH customers AS" in sql for sql in statements) == 1
    assert not any(
        re.search(r'"analytics_customer(month|quarter|year)"\."sales_amount" DESC', sql) for sql in statements
    )


def test_a_customers_days_go_with_it_to_whoever_serves_it_now(summarised, as_person, book, cast):
    """转手药房's two purchases (10 February, 10 April) lie on the days around whole March:
    read from its days by their own copy of its owner, they follow a reassignment at once."""
    around = {"start": "2026-02-05", "end": "2026-04-15"}

    def top(person: str) -> dict[str, str]:
        value = as_person(person).get("/api/v1/statistics/customers", around).json()
        ranking = as_person(person).get("/api/v1/statistics/rankings", {**around, "subject": "customer"}).json()
        assert {row["name"]: row["value"] for row in ranking["rows"]} == {
            row["name"]: row["sales_amount"] for row in value["top"]
        }
        return {row["name"]: row["sales_amount"] for row in value["top"]}

    with CaptureQueriesContext(connection) as queries:
        assert top("rep_liu")["转手药房"] == "1375.00"
    days = [query["sql"] for query in queries.captured_queries if "analytics_customersalesday" in query["sql"]]
    assert days and all('"analytics_customersalesday"."owner_id"' in sql for sql in days)
    assert "转手药房" not in top("rep_li")

    set_owner(book.moved_customer, cast.rep_li)

    assert top("rep_li")["转手药房"] == "1375.00"
    assert "转手药房" not in top("rep_liu")


def test_days_a_rebuild_wrote_with_the_owner_before_are_moved_by_the_next_pass(summarised, book, cast):
    """A reassignment while a rebuild writes the days anew moves the old table's copies; the
    refresh pass that follows gives the new rows to the owner now."""
    days = CustomerSalesDay.objects.filter(customer=book.moved_customer)
    days.update(owner_id=cast.rep_li.id)

    move_customer_periods([book.moved_customer.id])

    assert set(days.values_list("owner_id", flat=True)) == {cast.rep_liu.id}


def test_churn_follows_the_last_purchases_and_lists_confirmed_reasons(summarised, as_person, cast):
    from crm.customers.models import ChurnCase
    from crm.customers.services.churn import confirm_churn, review_churn

    review_churn()
    confirm_churn(
        actor=cast.supervisor, case=ChurnCase.objects.get(customer__company_name="仁心大药房"), reason_code="price"
    )
    year = {"start": "2026-01-01", "end": (timezone.localdate() + timedelta(days=1)).isoformat(), "grain": "month"}

    admin = as_person("admin").get("/api/v1/statistics/churn", year).json()
    liu = as_person("rep_liu").get("/api/v1/statistics/churn", year).json()

    # Lost 180 days after the last purchase: four in late July and August, 转手药房 in October.
    assert (admin["window_days"], admin["registered"], admin["lost"], admin["churn_rate"]) == (180, 5, 5, "1.0000")
    assert [point["became_lost"] for point in admin["series"]][:11] == [0, 0, 0, 0, 0, 0, 1, 3, 0, 1, 0]
    assert admin["series"][6]["churn_rate"] == "0.2000"
    assert [point["became_lost"] for point in liu["series"]][7:10] == [1, 0, 1]
    assert (liu["registered"], liu["lost"]) == (2, 2)
    assert admin["reasons"] == [{"code": "price", "name": "价格原因", "cases": 1}]
    assert liu["reasons"] == []


def test_a_new_churn_window_summarises_every_lapse_anew(summarised, as_person, cast):
    from crm.analytics.models import CustomerLapse
    from crm.dictionary.services import set_parameter

    year = {"start": "2026-01-01", "end": (timezone.localdate() + timedelta(days=1)).isoformat(), "grain": "month"}
    set_parameter(actor=cast.admin, key="churn_window_days", value=30)
    refresh_changed_days()

    assert set(CustomerLapse.objects.values_list("window_days", flat=True)) == {30}
    admin = as_person("admin").get("/api/v1/statistics/churn", year).json()
    # Lost 30 days after a purchase: the February buyers in March; 转手药房 again in May,
    # 30 days after its April purchase.
    assert (admin["window_days"], admin["lost"]) == (30, 5)
    assert [point["became_lost"] for point in admin["series"]][:6] == [0, 0, 5, 0, 1, 0]


def test_most_of_a_month_leaves_out_the_days_at_either_end(summarised, as_person, book):
    """The company's product sales over most of a month are its month less the other
    days (decision 0016's neighbour in product_figures): those days' sales stay out."""
    _order("6", book.li_customer, "2026-02-25T10:00:00", "100.00")
    refresh_changed_days()
    february = {"start": "2026-02-02", "end": "2026-02-25"}  # 23 of 28 days: not 1 or 25 Feb
    client = as_person("admin")

    products = client.get("/api/v1/statistics/products", february).json()
    ranked = client.get("/api/v1/statistics/rankings", {**february, "subject": "product"}).json()

    assert (products["sales_amount"], products["quantity"]) == ("1750.00", 140)
    assert [(row["rank"], row["value"]) for row in ranked["rows"]] == [(1, "1750.00")]


def test_the_month_a_window_starts_in_is_read_from_its_days(summarised, as_person):
    """A year on, 近12个月 starts on 6 February 2026: that month is kept by day (decision
    0016), and a supervisor's window counts 10 February's sale but not 1 February's."""
    with mock.patch("crm.analytics.product_rollups.today", return_value=date(2027, 2, 5)):
        refresh_changed_days()
    february = CreditedProductSales.objects.filter(month=date(2026, 2, 1))
    assert february.exists() and not february.filter(day=None).exists()

    body = as_person("supervisor").get("/api/v1/statistics/products", {"start": "2026-02-06", "end": "2027-02-06"})

    assert (body.json()["sales_amount"], body.json()["quantity"]) == ("625.00", 50)


@pytest.fixture
def credited_to_units(cast):  # type: ignore[no-untyped-def]
    """The book with everyone a member of their unit since 2025: its orders are credited
    to 上海一组 and 杭州组, and to 华东大区 (the book's own cast joined today)."""
    Membership.objects.update(started_at=timezone.make_aware(datetime(2025, 1, 1)))
    book = build_book(cast)
    refresh_changed_days()
    return book


def test_a_managers_months_the_department_rows_do_not_hold_yet_are_read_from_the_credited_rows(
    credited_to_units, as_person, cast
):
    """Between the release that adds the departments' rows and the rebuild that fills
    them, a month compacted meanwhile has department rows and the earlier ones have none:
    the manager's February is still counted, from the credited rollup."""
    department_rows = DepartmentProductSales.objects.filter(unit=cast.east_region)
    assert set(department_rows.filter(grain="month").values_list("start", flat=True)) == {
        date(2026, 2, 1),
        date(2026, 4, 1),
    }
    DepartmentProductSales.objects.exclude(grain="month", start=date(2026, 4, 1)).delete()

    body = as_person("manager").get("/api/v1/statistics/products", {"start": "2026-02-01", "end": "2026-05-01"})

    assert (body.json()["sales_amount"], body.json()["quantity"]) == ("2125.00", 170)


def test_a_managers_open_month_so_far_is_read_from_the_departments_rows(cast, as_person):
    """On 20 April 2026 April is open: the manager's April so far is their department's
    rows of it (decision 0017), summed anew when one of its orders is cancelled."""
    Membership.objects.update(started_at=timezone.make_aware(datetime(2025, 1, 1)))
    manager = as_person("manager")
    april = {"start": "2026-04-01", "end": "2026-04-21"}
    with mock.patch("crm.analytics.product_rollups.today", return_value=date(2026, 4, 20)):
        book = build_book(cast)
        refresh_changed_days()
        so_far = DepartmentProductSales.objects.filter(grain=MONTH_SO_FAR, unit=cast.east_region)
        assert set(so_far.values_list("start", flat=True)) == {date(2026, 4, 1)}
        with CaptureQueriesContext(connection) as queries:
            before = manager.get("/api/v1/statistics/products", april).json()
        read = [query["sql"] for query in queries]  # the next request clears the log
        record_status_change(order=book.orders["5B"], status="cancelled", changed_at=timezone.now())
        refresh_changed_days()
        after = manager.get("/api/v1/statistics/products", april).json()

    assert (before["sales_amount"], before["quantity"]) == ("750.00", 60)
    assert any("departmentproductsales" in sql and "'open'" in sql for sql in read)
    assert (after["sales_amount"], after["quantity"]) == ("0.00", 0)
    assert not so_far.exists()


def test_a_managers_window_reads_the_rest_of_its_first_month_from_the_departments_rows(
    credited_to_units, as_person, cast
):
    """A year on, the manager's 近12个月 reads 6–28 February 2026 from their department's
    rows over those days (decision 0017): 10 February's sale, not those of 1–4 February,
    and the rest from the department's months."""
    with mock.patch("crm.analytics.product_rollups.today", return_value=date(2027, 2, 5)):
        refresh_changed_days()
    rest = DepartmentProductSales.objects.filter(grain=REST_OF_MONTH, unit=cast.east_region)
    assert set(rest.values_list("start", flat=True)) == {date(2026, 2, 6)}
    assert rest.aggregate(amount=Sum("sales_amount"))["amount"] == Decimal("625.00")

    manager = as_person("manager")
    with CaptureQueriesContext(connection) as queries:
        body = manager.get("/api/v1/statistics/products", {"start": "2026-02-06", "end": "2027-02-06"})

    assert (body.json()["sales_amount"], body.json()["quantity"]) == ("1375.00", 110)
    read = [query["sql"] for query in queries if "departmentproductsales" in query["sql"]]
    assert any("'rest'" in sql for sql in read) and any("'month'" in sql for sql in read)


def test_one_product_and_one_customer_over_time(summarised, as_person, book):
    client = as_person("admin")
    product = book.orders["1"].items.get().product_id

    products = client.get("/api/v1/statistics/products", {**SPRING, "grain": "month", "product": product}).json()
    customer = client.get(
        "/api/v1/statistics/customers", {**SPRING, "grain": "month", "customer": book.moved_customer.id}
    ).json()

    assert [(point["start"], point["sales_amount"], point["quantity"]) for point in products["series"]] == [
        ("2026-02-01", "1875.00", 150),
        ("2026-03-01", "0.00", 0),
        ("2026-04-01", "750.00", 60),
    ]
    assert [(point["sales_amount"], point["cumulative_spend"]) for point in customer["customer_series"]] == [
        ("625.00", "625.00"),
        ("0.00", "625.00"),
        ("750.00", "1375.00"),
    ]


@pytest.mark.parametrize(
    ("kind", "params", "first_row"),
    [
        ("statistics_products", {}, ("畅销", 1, "阿莫西林胶囊 0.25g×24粒")),
        ("statistics_customers", {"limit": 1}, (1, "转手药房", "single")),
        ("statistics_churn", {"grain": "month"}, ("2026-02-01", "2026-03-01", 0)),
    ],
)
def test_the_other_statistics_tables_export(summarised, as_person, export, kind, params, first_row):
    client = as_person("admin")

    done = export(client, {"kind": kind, "format": "xlsx", "params": {**SPRING, **params}})

    rows = list(load_workbook(io.BytesIO(download(client, done["id"]))).active.iter_rows(values_only=True))
    assert done["status"] == "succeeded"
    assert rows[1][: len(first_row)] == first_row
