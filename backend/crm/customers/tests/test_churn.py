"""客户流失管理: the daily review opens a case for each customer past the warning
threshold (METRICS.md) and closes it when the customer buys again; the owner defers
(暂缓流失), a supervisor confirms (确认流失) with a reason; all of it recorded."""

from datetime import timedelta

import pytest
from django.utils import timezone

from crm.accounts.models import Notification
from crm.commerce.services import record_status_change
from crm.customers.models import ChurnCase, ChurnCaseStep, Customer
from crm.customers.services.churn import review_churn
from crm.customers.services.ownership import assign_customers, return_idle_customers
from crm.customers.tests.book import Book, _order, at
from crm.dictionary.services import set_parameter

URL = "/api/v1/churn-cases/"
# On 2026-07-15 the February buyers are 160+ days past their last purchase (warning at
# 150, lost at 180); 转手药房 bought on 2026-04-10 and is fine.
REVIEW_DAY = at("2026-07-15T01:30:00")


def case_of(customer) -> ChurnCase:  # type: ignore[no-untyped-def]
    return ChurnCase.objects.get(customer=customer, closed_at__isnull=True)


def test_the_review_opens_one_case_per_customer_past_the_threshold_and_tells_the_owners(book: Book, cast):
    review = review_churn(now=REVIEW_DAY)

    assert (review.opened, review.recovered, review.reopened) == (4, 0, 0)
    assert set(ChurnCase.objects.values_list("customer__company_name", flat=True)) == {
        "仁心大药房",
        "康泰药店",
        "西湖诊所",
        "公海药店",
    }
    assert case_of(book.li_customer).last_purchase_at == at("2026-02-01T12:00:00")
    assert Notification.objects.get(recipient=cast.rep_li).title == "1 位客户进入流失预警"
    assert review_churn(now=REVIEW_DAY).opened == 0  # one active case per customer


def test_a_purchase_closes_the_case_as_recovered(book: Book):
    review_churn(now=REVIEW_DAY)
    _order("6", book.li_customer, "2026-07-20T10:00:00", "125.00")

    review = review_churn(now=at("2026-07-21T01:30:00"))

    assert review.recovered == 1
    case = ChurnCase.objects.get(customer=book.li_customer)
    assert (case.status, case.closed_at) == ("recovered", at("2026-07-21T01:30:00"))
    assert list(case.steps.values_list("action", flat=True)) == ["opened", "recovered"]


def test_the_owner_defers_and_the_review_reopens_when_the_date_passes(book: Book, as_person):
    review_churn(now=REVIEW_DAY)
    case = case_of(book.li_customer)
    until = timezone.localdate() + timedelta(days=30)

    response = as_person("rep_li").post(
        f"{URL}{case.id}/defer/", {"until": until.isoformat(), "reason": "季节性采购，冬季回来"}
    )

    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["deferred_until"]) == ("deferred", until.isoformat())
    assert [step["action"] for step in response.json()["steps"]] == ["opened", "deferred"]
    listed = as_person("rep_li").get(URL, {"status": "open"}).json()["results"]
    assert listed == []

    review = review_churn(now=timezone.now() + timedelta(days=31))

    assert review.reopened == 1
    assert case_of(book.li_customer).status == "open"


def test_a_deferral_needs_a_reason_and_a_date_within_half_a_year(book: Book, as_person):
    review_churn(now=REVIEW_DAY)
    case = case_of(book.li_customer)
    client = as_person("rep_li")
    too_far = (timezone.localdate() + timedelta(days=400)).isoformat()
    assert client.post(f"{URL}{case.id}/defer/", {"until": too_far, "reason": "x"}).json()["fields"] == {
        "until": ["暂缓日期须在今天之后、半年之内"]
    }
    soon = (timezone.localdate() + timedelta(days=3)).isoformat()
    assert "reason" in client.post(f"{URL}{case.id}/defer/", {"until": soon, "reason": ""}).json()["fields"]


def test_a_supervisor_confirms_with_a_lost_reason_and_reps_cannot(book: Book, cast, as_person):
    review_churn(now=REVIEW_DAY)
    case = case_of(book.li_customer)

    assert as_person("rep_li").post(f"{URL}{case.id}/confirm/", {"reason_code": "competitor"}).status_code == 403
    liu_case = case_of(book.liu_customer)
    assert (
        as_person("supervisor").post(f"{URL}{liu_case.id}/confirm/", {"reason_code": "competitor"}).status_code == 404
    )
    bad = as_person("supervisor").post(f"{URL}{case.id}/confirm/", {"reason_code": "weather"})
    assert bad.json()["fields"] == {"reason_code": ["weather 不在数据字典中或已停用"]}

    response = as_person("supervisor").post(
        f"{URL}{case.id}/confirm/", {"reason_code": "competitor", "reason": "改从同城批发商进货"}
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["reason_code"], body["decided_by_name"]) == ("confirmed", "competitor", "陈静")
    step = ChurnCaseStep.objects.get(case=case, action="confirmed")
    assert (step.actor, step.reason) == (cast.supervisor, "改从同城批发商进货")


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("rep_li", {"仁心大药房"}),
        ("supervisor", {"仁心大药房", "康泰药店"}),
        ("manager", {"仁心大药房", "康泰药店", "西湖诊所"}),
        ("admin", {"仁心大药房", "康泰药店", "西湖诊所", "公海药店"}),
    ],
)
def test_the_warning_list_follows_the_scope(book: Book, as_person, person, expected):
    review_churn(now=REVIEW_DAY)
    rows = as_person(person).get(URL).json()["results"]
    assert {row["customer_name"] for row in rows} == expected
    assert all(row["customer_status"] == "lost" and row["days_since_purchase"] > 180 for row in rows)


def test_a_reassigned_customer_takes_its_case_to_the_new_owner(book: Book, cast, as_person):
    review_churn(now=REVIEW_DAY)
    assign_customers(actor=cast.supervisor, customers=[book.li_customer], owner=cast.rep_zhang, reason_code="other")

    assert case_of(book.li_customer).owner == cast.rep_zhang
    assert {row["customer_name"] for row in as_person("rep_zhang").get(URL).json()["results"]} == {
        "仁心大药房",
        "康泰药店",
    }
    assert as_person("rep_li").get(URL).json()["results"] == []
    release = as_person("rep_zhang").post(
        f"/api/v1/customers/{book.li_customer.id}/release/", {"reason_code": "other", "reason": "不再经营"}
    )
    assert release.status_code == 200, release.json()
    assert case_of(book.li_customer).owner is None  # in the pool: only those who see everything see it
    assert {row["customer_name"] for row in as_person("supervisor").get(URL).json()["results"]} == {"康泰药店"}


def test_a_paid_order_cancelled_moves_the_last_purchase_back(book: Book):
    record_status_change(order=book.orders["5B"], status="cancelled", changed_at=at("2026-04-12T08:00:00"))
    assert Customer.objects.get(id=book.moved_customer.id).last_purchase_at == at("2026-02-10T12:00:00")


def test_idle_customers_return_to_the_pool_only_when_the_rule_is_on(book: Book, cast, as_person):
    assert return_idle_customers() == 0
    set_parameter(actor=cast.admin, key="pool_return_enabled", value=True)
    as_person("rep_li").post(
        "/api/v1/follow-ups/", {"customer": book.li_customer.id, "type": "phone", "content": "电话回访"}
    )

    returned = return_idle_customers()

    # Every book customer's last order is older than 90 days; 仁心大药房 was just followed up.
    assert returned == 3
    assert set(Customer.objects.filter(owner__isnull=True).values_list("company_name", flat=True)) == {
        "康泰药店",
        "西湖诊所",
        "公海药店",
        "转手药房",
    }
    assert Notification.objects.get(recipient=cast.rep_liu).title == "2 位客户超期未跟进，已自动退回公海"


def test_a_confirmed_case_is_final_and_only_the_owner_or_a_supervisor_defers(book: Book, cast, as_person):
    review_churn(now=REVIEW_DAY)
    li_case, liu_case = case_of(book.li_customer), case_of(book.liu_customer)
    until = (timezone.localdate() + timedelta(days=10)).isoformat()
    # 刘洋's manager may defer; 李明, not the owner, cannot (he does not even see it).
    assert (
        as_person("manager").post(f"{URL}{liu_case.id}/defer/", {"until": until, "reason": "店庆后再订"}).status_code
        == 200
    )
    assert as_person("rep_li").post(f"{URL}{liu_case.id}/defer/", {"until": until, "reason": "x"}).status_code == 404
    as_person("supervisor").post(f"{URL}{li_case.id}/confirm/", {"reason_code": "closed"})

    again = as_person("rep_li").post(f"{URL}{li_case.id}/defer/", {"until": until, "reason": "再等等"})

    assert again.status_code == 409
    assert again.json()["message"] == "该客户已确认流失"
