"""Exports of the customer and order lists: the requester's filter and data scope, the
sensitive fields as their role may see them, progress, audit, and download by the
requester only."""

import csv
import io

from openpyxl import load_workbook

from crm.analytics.models import Export
from crm.analytics.tests.downloads import download
from crm.audit.models import AuditEvent
from crm.customers.tests.book import Book

URL = "/api/v1/exports/"


def test_an_admin_exports_the_filtered_customers_to_excel(book: Book, as_person, export):
    client = as_person("admin")

    done = export(
        client, {"kind": "customers", "format": "xlsx", "params": {"search": "药房", "ordering": "company_name"}}
    )

    assert (done["status"], done["progress"], done["total_rows"], done["ready"]) == ("succeeded", 100, 2, True)
    sheet = load_workbook(io.BytesIO(download(client, done["id"]))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("单位名称", "商城客户编号", "药店类型", "客户姓名", "联系电话")
    assert [(row[0], row[2], row[4], row[14]) for row in rows[1:]] == [
        ("仁心大药房", "单体药店", "13800138001", "李明"),  # admins see phones unmasked
        ("转手药房", "单体药店", "13500135005", "刘洋"),
    ]
    event = AuditEvent.objects.get(action="data_exported")
    assert event.after == {
        "kind": "customers",
        "format": "xlsx",
        "params": {"search": "药房", "ordering": "company_name"},
        "rows": 2,
    }


def test_an_export_masks_what_the_requester_may_not_see(book: Book, as_person, export):
    client = as_person("executive")  # may export, may not see phones

    done = export(client, {"kind": "customers", "format": "csv"})

    table = list(csv.reader(io.StringIO(download(client, done["id"]).decode("utf-8-sig"))))
    assert len(table) == 6
    assert {row[4] for row in table[1:]} == {"138****8001", "139****9002", "137****7003", "136****6004", "135****5005"}


def test_an_export_holds_the_requesters_scope_and_filter(book: Book, cast, as_person, export):
    client = as_person("manager")
    assert export(client, {"kind": "orders", "format": "csv"})["total_rows"] == 5  # not the pool's order

    done = export(client, {"kind": "orders", "format": "csv", "params": {"rep": cast.rep_li.id}})

    table = list(csv.reader(io.StringIO(download(client, done["id"]).decode("utf-8-sig"))))
    assert [(row[0], row[3], row[5], row[10]) for row in table[1:]] == [
        ("O1", "已付款", "125.00", "李明"),
        ("O5A", "已付款", "625.00", "李明"),
    ]


def test_exports_are_refused_without_the_right_or_with_a_bad_filter(book: Book, as_person):
    assert as_person("rep_li").post(URL, {"kind": "customers"}).status_code == 403
    bad = as_person("admin").post(URL, {"kind": "customers", "params": {"status": "sleepy"}})
    assert bad.status_code == 400
    assert "params.status" in bad.json()["fields"]
    unknown = as_person("admin").post(URL, {"kind": "payroll"})
    assert unknown.status_code == 400
    assert not Export.objects.exists()


def test_only_the_requester_sees_and_downloads_an_export(book: Book, as_person, export):
    done = export(as_person("admin"), {"kind": "orders", "format": "csv"})
    other = as_person("executive")
    assert other.get(f"{URL}{done['id']}/").status_code == 404
    assert other.get(f"{URL}{done['id']}/download/").status_code == 404
    assert [row["id"] for row in as_person("admin").get(URL).json()["results"]] == [done["id"]]
