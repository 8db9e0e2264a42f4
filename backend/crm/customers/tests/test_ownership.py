"""客户归属 as people change it: assign and reassign (one or a selection, with a reason
from the dictionary), claim from the public pool up to the cap, release with a reason.
The previous period closes, the new one opens, the audit trail and both owners know."""

from crm.accounts.models import Notification
from crm.audit.models import AuditEvent
from crm.commerce.models import Order
from crm.customers.models import Customer, Ownership
from crm.customers.tests.book import Book
from crm.dictionary.services import set_parameter

ASSIGN = "/api/v1/customers/assign/"
POOL = "/api/v1/customer-pool/"


def periods(customer: Customer) -> list[tuple[str, bool, str]]:
    rows = Ownership.objects.filter(customer=customer).order_by("started_at", "id")
    return [(row.owner.display_name, row.ended_at is None, row.source) for row in rows]


def test_a_supervisor_reassigns_inside_the_group_with_a_reason(book: Book, cast, as_person):
    response = as_person("supervisor").post(
        ASSIGN,
        {
            "customer_ids": [book.li_customer.id],
            "owner": cast.rep_zhang.id,
            "reason_code": "workload_balance",
            "reason": "李明本月拜访任务过重",
        },
    )

    assert response.status_code == 200, response.json()
    assert response.json() == {"moved": 1, "unchanged": 0, "message": "已将 1 位客户调整给 张伟"}
    assert periods(book.li_customer) == [("李明", False, "invite_code"), ("张伟", True, "assignment")]
    closed = Ownership.objects.get(customer=book.li_customer, owner=cast.rep_li)
    assert (closed.ended_by, closed.end_reason_code) == (cast.supervisor, "workload_balance")
    opened = Ownership.objects.get(customer=book.li_customer, owner=cast.rep_zhang)
    assert (opened.actor, opened.reason_code, opened.reason) == (
        cast.supervisor,
        "workload_balance",
        "李明本月拜访任务过重",
    )
    event = AuditEvent.objects.get(action="customer_reassigned")
    assert (event.before, event.after["owner"]) == ({"owner": cast.rep_li.id}, cast.rep_zhang.id)
    assert Notification.objects.get(recipient=cast.rep_zhang).title == "陈静 将 1 位客户分配给您"
    assert Notification.objects.get(recipient=cast.rep_li).title == "陈静 将您的 1 位客户调整给 张伟"
    # Past orders stay credited to whom they were (DESIGN.md rule 4).
    assert book.orders["1"].credited_rep == cast.rep_li


def test_a_manager_reassigns_a_selection_across_groups(book: Book, cast, as_person):
    response = as_person("manager").post(
        ASSIGN,
        {
            "customer_ids": [book.li_customer.id, book.zhang_customer.id, book.liu_customer.id],
            "owner": cast.rep_liu.id,
            "reason_code": "territory_change",
        },
    )

    assert response.json() == {
        "moved": 2,
        "unchanged": 1,
        "message": "已将 2 位客户调整给 刘洋，1 位原本就归属 刘洋",
    }
    assert set(Customer.objects.filter(owner=cast.rep_liu).values_list("company_name", flat=True)) == {
        "仁心大药房",
        "康泰药店",
        "西湖诊所",
        "转手药房",
    }


def order_numbers(client) -> set[str]:  # type: ignore[no-untyped-def]
    return {row["mall_order_id"] for row in client.get("/api/v1/orders/").json()["results"]}


def test_the_orders_follow_their_customer_to_the_new_owner(book: Book, cast, as_person):
    assert order_numbers(as_person("rep_zhang")) == {"O2"}
    as_person("supervisor").post(
        ASSIGN, {"customer_ids": [book.li_customer.id], "owner": cast.rep_zhang.id, "reason_code": "workload_balance"}
    )
    # 张伟 sees the customer's whole history; 李明 keeps the order credited to him.
    assert order_numbers(as_person("rep_zhang")) == {"O1", "O2"}
    assert order_numbers(as_person("rep_li")) == {"O1", "O5A"}
    assert Order.objects.get(mall_order_id="O1").customer_owner == cast.rep_zhang
    # Released to the pool, the order is seen by the one it is credited to, and the scopes
    # of everyone.
    as_person("rep_zhang").post(f"/api/v1/customers/{book.li_customer.id}/release/", {"reason_code": "no_contact"})
    assert order_numbers(as_person("rep_zhang")) == {"O2"}
    assert order_numbers(as_person("rep_li")) == {"O1", "O5A"}
    assert Order.objects.get(mall_order_id="O1").customer_owner is None


def test_a_supervisor_cannot_reach_outside_the_group(book: Book, cast, as_person):
    client = as_person("supervisor")
    to_outsider = client.post(
        ASSIGN, {"customer_ids": [book.li_customer.id], "owner": cast.rep_liu.id, "reason_code": "other"}
    )
    of_outsider = client.post(
        ASSIGN, {"customer_ids": [book.liu_customer.id], "owner": cast.rep_li.id, "reason_code": "other"}
    )

    assert to_outsider.status_code == 403
    assert to_outsider.json()["fields"] == {"owner": ["只能分配给您管理范围内的人员"]}
    assert of_outsider.status_code == 400
    assert of_outsider.json()["fields"] == {"customer_ids": ["请重新选择客户"]}
    assert Ownership.objects.filter(ended_at__isnull=False).count() == 1  # only the book's own move


def test_a_reason_from_the_dictionary_is_required(book: Book, cast, as_person):
    client = as_person("supervisor")
    missing = client.post(ASSIGN, {"customer_ids": [book.li_customer.id], "owner": cast.rep_zhang.id})
    unknown = client.post(
        ASSIGN, {"customer_ids": [book.li_customer.id], "owner": cast.rep_zhang.id, "reason_code": "bored"}
    )

    assert missing.status_code == 400 and "reason_code" in missing.json()["fields"]
    assert unknown.status_code == 400
    assert unknown.json()["fields"] == {"reason_code": ["bored 不在数据字典中或已停用"]}


def test_reps_cannot_assign(book: Book, cast, as_person):
    response = as_person("rep_li").post(
        ASSIGN, {"customer_ids": [book.li_customer.id], "owner": cast.rep_li.id, "reason_code": "other"}
    )
    assert response.status_code == 403


def test_a_supervisor_assigns_from_the_pool(book: Book, cast, as_person):
    response = as_person("supervisor").post(
        ASSIGN, {"customer_ids": [book.pool_customer.id], "owner": cast.rep_li.id, "reason_code": "other"}
    )
    assert response.json()["moved"] == 1
    assert periods(book.pool_customer) == [("李明", True, "assignment")]
    assert Notification.objects.filter(recipient=cast.rep_li).count() == 1


def test_a_rep_claims_from_the_pool_and_releases_with_a_reason(book: Book, cast, as_person):
    client = as_person("rep_zhang")
    assert [row["company_name"] for row in client.get(POOL).json()["results"]] == ["公海药店"]

    claimed = client.post(f"{POOL}{book.pool_customer.id}/claim/")

    assert claimed.status_code == 200, claimed.json()
    assert claimed.json()["owner_name"] == "张伟"
    assert client.get(POOL).json()["results"] == []
    assert periods(book.pool_customer) == [("张伟", True, "claim")]

    released = client.post(
        f"/api/v1/customers/{book.pool_customer.id}/release/", {"reason_code": "no_contact", "reason": "电话停机"}
    )

    assert released.status_code == 200, released.json()
    assert released.json()["owner"] is None
    period = Ownership.objects.get(customer=book.pool_customer)
    assert (period.end_reason_code, period.end_reason, period.ended_by) == ("no_contact", "电话停机", cast.rep_zhang)
    [row] = as_person("admin").get(f"/api/v1/customers/{book.pool_customer.id}/ownerships/").json()
    assert (row["end_kind"], row["end_reason_label"], row["source_label"]) == ("released", "长期无法联系", "公海领取")
    actions = AuditEvent.objects.filter(target_type="customer").order_by("id").values_list("action", flat=True)
    assert list(actions) == ["customer_claimed", "customer_released"]


def test_a_claim_beyond_the_cap_is_refused(book: Book, cast, as_person):
    set_parameter(actor=cast.admin, key="pool_claim_limit", value=1)
    response = as_person("rep_zhang").post(f"{POOL}{book.pool_customer.id}/claim/")
    assert response.status_code == 409
    assert response.json()["message"] == "您名下已有 1 位客户，达到上限 1，不能再领取"
    assert Customer.objects.get(id=book.pool_customer.id).owner is None


def test_only_the_pool_can_be_claimed_and_only_ones_own_released(book: Book, as_person):
    assert as_person("rep_zhang").post(f"{POOL}{book.li_customer.id}/claim/").status_code == 404
    # The supervisor sees 李明's customer but it is not hers to release.
    response = as_person("supervisor").post(
        f"/api/v1/customers/{book.li_customer.id}/release/", {"reason_code": "other"}
    )
    assert response.status_code == 403


def test_notifications_are_the_callers_own_and_can_be_marked_read(book: Book, cast, as_person):
    as_person("supervisor").post(
        ASSIGN, {"customer_ids": [book.li_customer.id], "owner": cast.rep_zhang.id, "reason_code": "other"}
    )
    zhang = as_person("rep_zhang")
    assert [row["title"] for row in zhang.get("/api/v1/notifications/", {"unread": "true"}).json()["results"]] == [
        "陈静 将 1 位客户分配给您"
    ]
    assert as_person("rep_liu").get("/api/v1/notifications/").json()["results"] == []

    assert zhang.post("/api/v1/notifications/read/", {}).json() == {"marked": 1, "unread": 0}
    assert zhang.get("/api/v1/notifications/", {"unread": "true"}).json()["results"] == []
