"""跟进记录 and 联系人: reps log follow-ups on their customers, supervisors read their
people's, the "due today" list, and contacts with masked, audited phones."""

from datetime import timedelta

from django.utils import timezone

from crm.audit.models import AuditEvent
from crm.customers.models import Contact
from crm.customers.tests.book import Book

FOLLOW_UPS = "/api/v1/follow-ups/"
CONTACTS = "/api/v1/contacts/"


def log(client, customer_id: int, **values):  # type: ignore[no-untyped-def]
    body = {"customer": customer_id, "type": "visit", "content": "上门拜访，店长对新品感兴趣", **values}
    return client.post(FOLLOW_UPS, body)


def test_a_rep_logs_a_follow_up_and_sets_the_next_date(book: Book, as_person):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = log(as_person("rep_li"), book.li_customer.id, next_follow_up_on=tomorrow)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["author_name"], body["customer_name"], body["type"]) == ("李明", "仁心大药房", "visit")
    book.li_customer.refresh_from_db()
    assert book.li_customer.next_follow_up_on.isoformat() == tomorrow
    assert book.li_customer.last_follow_up_at is not None


def test_follow_ups_are_seen_along_the_customer_and_by_their_author(book: Book, cast, as_person):
    log(as_person("rep_li"), book.li_customer.id)
    log(as_person("rep_liu"), book.liu_customer.id)

    def authors(person: str) -> list[str]:
        return [row["author_name"] for row in as_person(person).get(FOLLOW_UPS).json()["results"]]

    assert authors("supervisor") == ["李明"]
    assert sorted(authors("manager")) == ["刘洋", "李明"]
    assert authors("rep_zhang") == []
    # 李明's customer goes to 张伟: 张伟 now sees its history, 李明 still sees what he wrote.
    as_person("supervisor").post(
        "/api/v1/customers/assign/",
        {"customer_ids": [book.li_customer.id], "owner": cast.rep_zhang.id, "reason_code": "other"},
    )
    assert authors("rep_zhang") == ["李明"]
    assert authors("rep_li") == ["李明"]


def test_a_rep_cannot_log_on_a_customer_outside_the_scope(book: Book, as_person):
    response = log(as_person("rep_li"), book.zhang_customer.id)
    assert response.status_code == 400
    assert response.json()["fields"] == {"customer": ["请选择您负责范围内的客户"]}


def test_bad_follow_ups_are_refused_field_by_field(book: Book, as_person):
    client = as_person("rep_li")
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    future = (timezone.now() + timedelta(days=1)).isoformat()
    assert log(client, book.li_customer.id, type="telepathy").json()["fields"] == {
        "type": ["telepathy 不在数据字典中或已停用"]
    }
    assert "content" in log(client, book.li_customer.id, content="   ").json()["fields"]
    assert log(client, book.li_customer.id, followed_at=future).json()["fields"] == {
        "followed_at": ["跟进时间不能晚于现在"]
    }
    assert log(client, book.li_customer.id, next_follow_up_on=yesterday).json()["fields"] == {
        "next_follow_up_on": ["下次跟进日期不能早于本次跟进日期"]
    }
    assert as_person("after_sales").post(FOLLOW_UPS, {}).status_code == 403


def test_the_due_list_holds_customers_whose_next_follow_up_is_today_or_past(book: Book, as_person):
    client = as_person("rep_liu")
    today = timezone.localdate().isoformat()
    later = (timezone.localdate() + timedelta(days=7)).isoformat()
    log(client, book.liu_customer.id, next_follow_up_on=today)
    log(client, book.moved_customer.id, next_follow_up_on=later)

    due = client.get("/api/v1/customers/", {"follow_up_due": "true"}).json()["results"]

    assert [row["company_name"] for row in due] == ["西湖诊所"]


def test_contacts_are_kept_with_one_primary_and_a_masked_audited_phone(book: Book, as_person):
    client = as_person("rep_li")
    first = client.post(CONTACTS, {"customer": book.li_customer.id, "name": "王店长", "phone": "13912345678"})
    second = client.post(
        CONTACTS,
        {"customer": book.li_customer.id, "name": "采购小刘", "position": "采购", "is_primary": True},
    )
    assert first.status_code == 201, first.json()
    assert first.json()["phone"] == "139****5678"
    client.patch(f"{CONTACTS}{first.json()['id']}/", {"is_primary": True})
    assert list(Contact.objects.filter(is_primary=True).values_list("name", flat=True)) == ["王店长"]
    assert second.status_code == 201

    revealed = client.post(f"{CONTACTS}{first.json()['id']}/reveal/")

    assert revealed.json() == {"field": "phone", "value": "13912345678"}
    assert AuditEvent.objects.filter(action="contact_phone_revealed").count() == 1
    assert as_person("after_sales").post(f"{CONTACTS}{first.json()['id']}/reveal/").status_code == 403
    assert as_person("rep_zhang").get(f"{CONTACTS}{first.json()['id']}/").status_code == 404
    listed = client.get(CONTACTS, {"customer": book.li_customer.id}).json()["results"]
    assert [row["name"] for row in listed] == ["王店长", "采购小刘"]
    bad = client.post(CONTACTS, {"customer": book.li_customer.id, "name": "x", "phone": "12"})
    assert bad.json()["fields"] == {"phone": ["请输入手机号或带区号的座机号"]}
    assert client.delete(f"{CONTACTS}{second.json()['id']}/").status_code == 204
