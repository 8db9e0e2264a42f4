"""我的客户 through the API: what each member of the cast sees, search by phone and the
filters, the masked profile and audited reveals, and the ownership timeline."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crm.audit.models import AuditEvent
from crm.core import filters as core_filters
from crm.customers.tests.book import Book

URL = "/api/v1/customers/"

# Who sees which customers (DESIGN.md rule 3): reps their own now, the supervisor the
# group's, the manager the tree's, admin / executive / after-sales everyone's.
VISIBLE = {
    "admin": {"仁心大药房", "康泰药店", "西湖诊所", "公海药店", "转手药房"},
    "executive": {"仁心大药房", "康泰药店", "西湖诊所", "公海药店", "转手药房"},
    "after_sales": {"仁心大药房", "康泰药店", "西湖诊所", "公海药店", "转手药房"},
    "manager": {"仁心大药房", "康泰药店", "西湖诊所", "转手药房"},
    "supervisor": {"仁心大药房", "康泰药店"},
    "rep_li": {"仁心大药房"},
    "rep_zhang": {"康泰药店"},
    "rep_liu": {"西湖诊所", "转手药房"},
}


def names(response) -> set[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.json()
    return {row["company_name"] for row in response.json()["results"]}


@pytest.mark.parametrize("person", list(VISIBLE))
def test_each_person_sees_the_customers_of_their_scope(book: Book, as_person, person):
    client = as_person(person)
    assert names(client.get(URL)) == VISIBLE[person]
    assert client.get(f"{URL}{book.li_customer.id}/").status_code == (200 if "仁心大药房" in VISIBLE[person] else 404)


def test_the_old_owner_no_longer_sees_a_customer_moved_away(book: Book, as_person):
    assert as_person("rep_li").get(f"{URL}{book.moved_customer.id}/").status_code == 404
    assert as_person("rep_liu").get(f"{URL}{book.moved_customer.id}/").status_code == 200


@pytest.mark.parametrize("typed", ["13800138001", "+86 138 0013 8001", "138-0013-8001", "8001"])
def test_a_phone_number_in_any_notation_or_its_last_four_digits_finds_the_customer(book: Book, as_person, typed):
    client = as_person("admin")
    assert names(client.get(URL, {"phone": typed})) == {"仁心大药房"}
    assert names(client.get(URL, {"search": typed})) == {"仁心大药房"}


@pytest.mark.parametrize(("term", "found"), [("仁心", {"仁心大药房"}), ("药房", {"仁心大药房", "转手药房"})])
def test_a_name_rare_in_the_book_is_looked_up_first_and_a_common_one_filtered(
    book: Book, as_person, monkeypatch, term, found
):
    # One match is "few" here: 仁心 is read by its ids, 药房 (two) filters the list.
    monkeypatch.setattr(core_filters, "FEW_MATCHES", 1)
    for person in ("admin", "rep_li"):
        with CaptureQueriesContext(connection) as queries:
            listed = names(as_person(person).get(URL, {"search": term}))
        assert listed == found & VISIBLE[person], person
        by_ids = [
            query["sql"] for query in queries.captured_queries if '"customers_customer"."id" IN (' in query["sql"]
        ]
        assert bool(by_ids) == (len(found) == 1), person


def test_search_by_name_and_the_filters(book: Book, cast, as_person):
    client = as_person("admin")
    assert names(client.get(URL, {"search": "药房"})) == {"仁心大药房", "转手药房"}
    assert names(client.get(URL, {"owner": cast.rep_liu.id})) == {"西湖诊所", "转手药房"}
    assert names(client.get(URL, {"group": cast.shanghai_group.id})) == {"仁心大药房", "康泰药店"}
    assert names(client.get(URL, {"department": cast.east_region.id})) == VISIBLE["manager"]
    assert names(client.get(URL, {"province": "浙江省"})) == {"西湖诊所"}
    assert names(client.get(URL, {"pharmacy_type": "chain"})) == set()
    # The book's purchases are from 2026; "now" is later, so whether they are lost or in
    # warning depends on today's date: every customer with a purchase is in one band.
    statuses = {status: names(client.get(URL, {"status": status})) for status in ("active", "warning", "lost", "none")}
    assert set().union(*statuses.values()) == VISIBLE["admin"]
    assert statuses["none"] == set()
    assert names(client.get(URL, {"no_order_days": 100000})) == set()
    assert names(client.get(URL, {"registered_since": "2025-07-01T00:00:00+08:00"})) == set()


def test_the_list_sorts_by_any_column(book: Book, as_person):
    rows = as_person("admin").get(URL, {"ordering": "company_name"}).json()["results"]
    assert [row["company_name"] for row in rows] == sorted(VISIBLE["admin"])
    rows = as_person("admin").get(URL, {"ordering": "-last_order_at"}).json()["results"]
    assert rows[0]["company_name"] == "转手药房"


def test_the_list_answers_in_a_fixed_number_of_queries(book: Book, as_person, django_assert_max_num_queries):
    client = as_person("supervisor")
    # The first request reads the person's roles and scope and the parameters, and
    # touches the session; from then on they are kept: session, person, count, page, tags,
    # the same for 20 customers as for one.
    with django_assert_max_num_queries(15):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get(URL).status_code == 200


def test_sensitive_fields_are_masked_and_a_permitted_reveal_is_audited(book: Book, as_person):
    detail = as_person("rep_li").get(f"{URL}{book.li_customer.id}/").json()
    assert detail["phone"] == "138****8001"
    assert detail["email"] == "b***@example.cn"
    assert detail["revealable"] == ["phone"]
    assert detail["owner_name"] == "李明"

    response = as_person("rep_li").post(f"{URL}{book.li_customer.id}/reveal/", {"field": "phone"})

    assert response.json() == {"field": "phone", "value": "13800138001"}
    event = AuditEvent.objects.get(action="customer_field_revealed")
    assert (event.actor_name, event.target_label, event.after) == ("李明", "仁心大药房", {"field": "phone"})


def test_a_role_without_the_field_permission_cannot_reveal(book: Book, as_person):
    client = as_person("after_sales")
    assert client.get(f"{URL}{book.li_customer.id}/").json()["revealable"] == []
    response = client.post(f"{URL}{book.li_customer.id}/reveal/", {"field": "phone"})
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="customer_field_revealed").exists()
    response = as_person("rep_li").post(f"{URL}{book.li_customer.id}/reveal/", {"field": "company_name"})
    assert response.status_code == 400
    assert "field" in response.json()["fields"]


def test_the_ownership_timeline_shows_who_when_why_and_by_whom(book: Book, as_person):
    rows = as_person("rep_liu").get(f"{URL}{book.moved_customer.id}/ownerships/").json()
    assert [(row["owner_name"], row["source"], row["reason_code"], row["actor_name"]) for row in rows] == [
        ("刘洋", "assignment", "territory_change", "王建国"),
        ("李明", "invite_code", "", ""),
    ]
    assert rows[0]["ended_at"] is None
    assert rows[1]["ended_at"] == rows[0]["started_at"]
    assert rows[1]["ended_by_name"] == "王建国"
    assert (rows[0]["reason_label"], rows[1]["end_kind"], rows[1]["end_reason_label"]) == (
        "区域调整",
        "reassigned",
        "区域调整",
    )


def test_tags_are_set_from_the_dictionary_and_filter_the_list(book: Book, as_person):
    client = as_person("rep_li")
    url = f"{URL}{book.li_customer.id}/tags/"

    assert client.put(url, {"tags": ["key_account", "medical_insurance"]}).json() == {
        "tags": ["key_account", "medical_insurance"]
    }
    assert client.put(url, {"tags": ["key_account"]}).status_code == 200
    bad = client.put(url, {"tags": ["vip_gold"]})

    assert bad.json()["fields"] == {"tags": ["标签 vip_gold 不在数据字典中"]}
    assert names(as_person("admin").get(URL, {"tag": "key_account"})) == {"仁心大药房"}
    assert as_person("admin").get(f"{URL}{book.li_customer.id}/").json()["tags"] == ["key_account"]
    assert as_person("rep_zhang").put(url, {"tags": []}).status_code == 404


def test_a_churn_band_lists_the_longest_idle_first(book, as_person):
    client = as_person("admin")

    lost = client.get("/api/v1/customers/", {"status": "lost"}).json()["results"]
    idle = client.get("/api/v1/customers/", {"no_order_days": 30}).json()["results"]
    chosen = client.get("/api/v1/customers/", {"status": "lost", "ordering": "-last_purchase_at"}).json()["results"]

    assert [row["company_name"] for row in lost] == ["仁心大药房", "康泰药店", "西湖诊所", "公海药店", "转手药房"]
    assert idle[0]["company_name"] == "仁心大药房"
    assert chosen[0]["company_name"] == "转手药房"


def test_a_search_counts_only_a_few_pages_ahead(book, as_person, monkeypatch):
    from crm.core.pagination import CountAheadPagination

    monkeypatch.setattr(CountAheadPagination, "PAGES_AHEAD", 1)
    client = as_person("admin")

    searched = client.get("/api/v1/customers/", {"search": "药", "page_size": 1}).json()
    listed = client.get("/api/v1/customers/", {"page_size": 1}).json()

    # Four customers match; one page of one ahead is two.
    assert (searched["count"], searched["count_capped"]) == (2, True)
    assert (listed["count"], listed["count_capped"]) == (5, False)
