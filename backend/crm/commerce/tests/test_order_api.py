"""我的订单 through the API: visibility per DESIGN.md rule 3 (a rep sees the orders of the
customers they own now plus the orders credited to them), detail with items and the
status timeline, search, filters and the summary."""

import pytest

from crm.commerce.services import record_status_change, recount_customer_activity
from crm.customers.models import Customer
from crm.customers.tests.book import Book, at

URL = "/api/v1/orders/"
EVERY_ORDER = {"O1", "O2", "O3", "O4", "O5A", "O5B"}
VISIBLE = {
    "admin": EVERY_ORDER,
    "executive": EVERY_ORDER,
    "after_sales": EVERY_ORDER,
    "manager": {"O1", "O2", "O3", "O5A", "O5B"},
    "supervisor": {"O1", "O2", "O5A"},
    # 李明 lost 转手药房: he keeps the order credited to him, nothing newer.
    "rep_li": {"O1", "O5A"},
    "rep_zhang": {"O2"},
    # 刘洋 owns 转手药房 now: its whole history, including the order credited to 李明.
    "rep_liu": {"O3", "O5A", "O5B"},
}


def numbers(response) -> set[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.json()
    return {row["mall_order_id"] for row in response.json()["results"]}


@pytest.mark.parametrize("person", list(VISIBLE))
def test_each_person_sees_the_orders_of_their_scope(book: Book, as_person, person):
    client = as_person(person)
    assert numbers(client.get(URL)) == VISIBLE[person]
    expected = 200 if "O5B" in VISIBLE[person] else 404
    assert client.get(f"{URL}{book.orders['5B'].id}/").status_code == expected
    summary = client.get(f"{URL}summary/").json()
    assert summary["order_count"] == len(VISIBLE[person])


def test_the_credit_stays_with_the_rep_of_the_time(book: Book, cast, as_person):
    rows = {row["mall_order_id"]: row for row in as_person("admin").get(URL).json()["results"]}
    assert rows["O5A"]["credited_rep_name"] == "李明"
    assert rows["O5B"]["credited_rep_name"] == "刘洋"
    assert rows["O4"]["credited_rep"] is None


def test_the_detail_has_items_totals_and_the_status_timeline(book: Book, as_person):
    order = book.orders["1"]
    record_status_change(order=order, status="shipped", changed_at=at("2026-02-02T08:00:00"))
    detail = as_person("rep_li").get(f"{URL}{order.id}/").json()

    assert detail["customer_name"] == "仁心大药房"
    assert detail["customer_owner_name"] == "李明"
    assert detail["status"] == "shipped"
    assert detail["total_amount"] == "125.00"
    assert [
        (item["product_name"], item["spec"], item["quantity"], item["unit_price"], item["amount"])
        for item in detail["items"]
    ] == [("阿莫西林胶囊", "0.25g×24粒", 10, "12.50", "125.00")]
    assert [change["status"] for change in detail["status_changes"]] == ["pending_payment", "paid", "shipped"]


def test_search_and_filters(book: Book, cast, as_person):
    client = as_person("admin")
    assert numbers(client.get(URL, {"search": "O5"})) == {"O5A", "O5B"}
    assert numbers(client.get(URL, {"search": "康泰"})) == {"O2"}
    assert numbers(client.get(URL, {"search": "阿莫西林"})) == EVERY_ORDER
    assert numbers(client.get(URL, {"product_name": "布洛芬"})) == set()
    assert numbers(client.get(URL, {"rep": cast.rep_li.id})) == {"O1", "O5A"}
    assert numbers(client.get(URL, {"customer": book.moved_customer.id})) == {"O5A", "O5B"}
    assert numbers(client.get(URL, {"amount_min": "300", "amount_max": "625"})) == {"O3", "O4", "O5A"}
    assert numbers(
        client.get(URL, {"created_since": "2026-02-03T00:00:00+08:00", "created_until": "2026-02-05T00:00:00+08:00"})
    ) == {"O3", "O4"}
    assert numbers(client.get(URL, {"status": ["paid", "shipped"]})) == EVERY_ORDER
    assert numbers(client.get(URL, {"status": "cancelled"})) == set()


def test_a_cancelled_order_leaves_the_counted_figures(book: Book, as_person):
    record_status_change(order=book.orders["5B"], status="cancelled", changed_at=at("2026-04-11T08:00:00"))
    summary = as_person("rep_liu").get(f"{URL}summary/", {"customer": book.moved_customer.id}).json()
    assert summary == {
        "order_count": 2,
        "total_amount": "1375.00",
        "counted_count": 1,
        "counted_amount": "625.00",
        "last_paid_at": "2026-02-10T12:00:00+08:00",
    }
    book.moved_customer.refresh_from_db()
    assert book.moved_customer.last_purchase_at == at("2026-02-10T12:00:00")
    assert book.moved_customer.last_order_at == at("2026-04-10T10:00:00")


def test_the_list_answers_in_a_fixed_number_of_queries(book: Book, as_person, django_assert_max_num_queries):
    client = as_person("supervisor")
    # Session, person, roles, scope and its members, idle timeout, count, page, items,
    # session save (in a savepoint): the same for 20 orders as for one.
    with django_assert_max_num_queries(13):
        assert client.get(URL).status_code == 200


def test_the_recount_agrees_with_what_the_services_keep(book: Book):
    record_status_change(order=book.orders["5B"], status="cancelled", changed_at=at("2026-04-11T08:00:00"))
    kept = dict(Customer.objects.values_list("id", "last_purchase_at"))
    ordered = dict(Customer.objects.values_list("id", "last_order_at"))
    Customer.objects.update(last_order_at=None, last_purchase_at=at("2020-01-01T00:00:00"))

    assert recount_customer_activity() == 5

    assert dict(Customer.objects.values_list("id", "last_purchase_at")) == kept
    assert dict(Customer.objects.values_list("id", "last_order_at")) == ordered
