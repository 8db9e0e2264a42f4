"""Customers entered by hand and imported from a spreadsheet (with a dry run reporting
every bad row), duplicates by phone refused, and the link made when such a customer
later registers in the mall."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from crm.audit.models import AuditEvent
from crm.customers.models import Customer, Ownership
from crm.customers.services.mall import record_mall_customer
from crm.customers.tests.book import Book, at

URL = "/api/v1/customers/"
IMPORT = "/api/v1/customers/import/"
PROSPECT = {
    "company_name": "松江百姓大药房",
    "pharmacy_type": "single",
    "contact_name": "周店长",
    "phone": "139 1234 5678",
    "province": "上海市",
    "city": "上海市",
}


def test_a_rep_enters_a_prospect_of_their_own(book: Book, cast, as_person):
    response = as_person("rep_li").post(URL, PROSPECT)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["owner_name"], body["source"], body["phone"], body["mall_customer_id"]) == (
        "李明",
        "manual",
        "139****5678",
        None,
    )
    period = Ownership.objects.get(customer_id=body["id"])
    assert (period.owner, period.source, period.actor) == (cast.rep_li, "created", cast.rep_li)
    assert AuditEvent.objects.filter(action="customer_created", target_id=str(body["id"])).exists()


def test_entry_refuses_bad_values_and_known_phones_field_by_field(book: Book, cast, as_person):
    client = as_person("rep_li")
    bad = client.post(URL, {**PROSPECT, "phone": "12345", "pharmacy_type": "spaceport"})
    assert bad.status_code == 400
    assert bad.json()["fields"] == {
        "phone": ["不是有效的大陆手机号或固定电话"],
        "pharmacy_type": ["药店类型 spaceport 不在数据字典中"],
    }
    known = client.post(URL, {**PROSPECT, "phone": "+86 138-0013-8001"})
    assert known.status_code == 409
    assert known.json()["fields"] == {"phone": ["该电话已属于客户 仁心大药房（李明）"]}
    outsider = client.post(URL, {**PROSPECT, "owner": cast.rep_liu.id})
    assert outsider.status_code == 403


def test_a_manual_customer_is_corrected_but_a_mall_customer_is_the_malls(book: Book, as_person):
    client = as_person("rep_li")
    created = client.post(URL, PROSPECT).json()
    fixed = client.patch(f"{URL}{created['id']}/", {"contact_name": "周建华"})
    assert fixed.status_code == 200 and fixed.json()["contact_name"] == "周建华"
    refused = client.patch(f"{URL}{book.li_customer.id}/", {"contact_name": "某某"})
    assert refused.status_code == 409
    assert refused.json()["message"] == "商城客户的资料以商城为准，请在商城中修改"


def test_a_prospect_registering_in_the_mall_is_linked_by_phone(book: Book, cast, as_person):
    entered = as_person("rep_li").post(URL, PROSPECT).json()

    result = record_mall_customer(
        mall_customer_id="C99",
        values={**PROSPECT, "phone": "13912345678", "registered_at": at("2026-05-01T09:00:00")},
        at=at("2026-05-01T09:00:00"),
        invite_code=cast.rep_zhang.invite_code,
    )

    assert result.customer.id == entered["id"]
    customer = Customer.objects.get(id=entered["id"])
    assert (customer.mall_customer_id, customer.owner) == ("C99", cast.rep_li)  # the CRM's owner stands
    assert result.warnings == [
        "已按联系电话与 CRM 中录入的客户 松江百姓大药房 关联",
        f"客户已有归属销售，邀请码 {cast.rep_zhang.invite_code} 未改变归属",
    ]
    assert Customer.objects.filter(phone_index=customer.phone_index).count() == 1


def _csv(rows: list[list[str]]) -> SimpleUploadedFile:
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return SimpleUploadedFile("客户.csv", text.getvalue().encode("gb18030"), content_type="text/csv")


IMPORT_ROWS = [
    ["单位名称", "药店类型", "客户姓名", "联系电话", "归属销售"],
    ["松江百姓大药房", "单体药店", "周店长", "13912345678", ""],
    ["闵行益丰药房", "连锁药店", "吴经理", "13912345679", "rep_zhang"],
    ["", "诊所", "钱医生", "13912345670", ""],
    ["重复电话药房", "单体药店", "孙老板", "13912345678", ""],
    ["老客户药房", "单体药店", "郑老板", "13800138001", ""],
    ["外组药房", "单体药店", "冯老板", "13912345671", "rep_liu"],
]


def test_the_import_dry_run_reports_every_bad_row_and_writes_nothing(book: Book, as_person):
    response = as_person("supervisor").post(IMPORT, {"file": _csv(IMPORT_ROWS), "dry_run": "true"}, format="multipart")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["dry_run"], body["total"], body["error_count"]) == (True, 6, 4)
    reasons = {row["row"]: row["reasons"] for row in body["rows"] if row["status"] == "error"}
    assert reasons == {
        4: {"company_name": ["请填写单位名称"]},
        5: {"phone": ["与第 2 行的电话重复"]},
        6: {"phone": ["该电话已属于客户 仁心大药房（李明）"]},
        7: {"owner": ["归属销售 rep_liu 不存在或不在您的管理范围内"]},
    }
    assert not Customer.objects.filter(source="import").exists()


def test_the_import_enters_the_good_rows_and_audits_it(book: Book, cast, as_person):
    response = as_person("supervisor").post(IMPORT, {"file": _csv(IMPORT_ROWS), "dry_run": "false"}, format="multipart")

    created = [row for row in response.json()["rows"] if row["status"] == "created"]
    assert [row["company_name"] for row in created] == ["松江百姓大药房", "闵行益丰药房"]
    owners = dict(Customer.objects.filter(source="import").values_list("company_name", "owner__username"))
    assert owners == {"松江百姓大药房": "supervisor", "闵行益丰药房": "rep_zhang"}
    assert Customer.objects.get(company_name="闵行益丰药房").pharmacy_type == "chain"
    event = AuditEvent.objects.get(action="customers_imported")
    assert event.after == {"created": 2, "refused": 4}


def test_an_excel_file_imports_too_and_a_wrong_file_is_refused(book: Book, as_person):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["单位名称", "客户姓名", "联系电话"])
    sheet.append(["嘉定仁和药房", "王老板", 13912340000])  # typed as a number in Excel
    content = io.BytesIO()
    workbook.save(content)
    upload = SimpleUploadedFile("客户.xlsx", content.getvalue())
    client = as_person("rep_li")

    response = client.post(IMPORT, {"file": upload, "dry_run": "false"}, format="multipart")

    assert [row["status"] for row in response.json()["rows"]] == ["created"]
    assert Customer.objects.get(company_name="嘉定仁和药房").phone == "13912340000"
    wrong = client.post(IMPORT, {"file": SimpleUploadedFile("客户.pdf", b"%PDF")}, format="multipart")
    assert wrong.json()["fields"] == {"file": ["只支持 .xlsx 和 .csv 文件"]}
    columns = client.post(IMPORT, {"file": _csv([["名字", "电话"], ["a", "b"]])}, format="multipart")
    assert columns.json()["message"] == "无法识别的列：名字、电话"


def test_a_masked_value_is_never_saved_over_the_real_one(book: Book, as_person):
    client = as_person("rep_li")
    created = client.post(URL, {**PROSPECT, "email": "zhou@example.cn"}).json()
    response = client.patch(f"{URL}{created['id']}/", {"email": "z***@example.cn", "phone": "139****5678"})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"email", "phone"}
    assert Customer.objects.get(id=created["id"]).email == "zhou@example.cn"
