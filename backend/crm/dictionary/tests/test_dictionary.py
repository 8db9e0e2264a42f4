"""Dictionary entries: everyone reads them, dictionary managers change them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crm.audit.models import AuditEvent
from crm.dictionary.models import DictionaryEntry
from crm.dictionary.selectors import entry_label
from crm.dictionary.services import create_dictionary_entry

URL = "/api/v1/dictionary/entries/"


def entry(type_code: str, code: str) -> DictionaryEntry:
    return DictionaryEntry.objects.get(type=type_code, code=code)


def snapshot() -> list[tuple[str, str, str, bool]]:
    return list(DictionaryEntry.objects.values_list("type", "code", "label", "is_active"))


def test_the_default_pharmacy_types_exist(db):
    rows = DictionaryEntry.objects.filter(type="pharmacy_type")

    assert [row.code for row in rows] == ["single", "chain", "clinic", "hospital", "other"]
    assert entry_label("pharmacy_type", "chain") == "连锁药店"
    assert entry_label("pharmacy_type", "unknown") == "unknown"


@pytest.mark.parametrize("viewer", ["admin", "manager", "supervisor", "rep_li", "after_sales"])
def test_anyone_logged_in_reads_entries_of_a_type(cast, as_person, viewer):
    response = as_person(viewer).get(URL, {"type": "pharmacy_type"})

    assert response.status_code == 200
    assert [(row["code"], row["label"]) for row in response.json()["results"]] == [
        ("single", "单体药店"),
        ("chain", "连锁药店"),
        ("clinic", "诊所"),
        ("hospital", "医院"),
        ("other", "其他"),
    ]


def test_nobody_logged_out_reads_entries(db, client):
    response = client.get(URL)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_the_types_are_listed(cast, as_person):
    response = as_person("rep_li").get("/api/v1/dictionary/types/")

    assert response.status_code == 200
    assert [row["code"] for row in response.json()] == [
        "pharmacy_type",
        "reassignment_reason",
        "release_reason",
        "follow_up_type",
        "lost_reason",
        "ticket_type",
        "region",
        "customer_tag",
    ]


def test_admin_creates_an_entry(cast, as_person):
    response = as_person("admin").post(
        URL, {"type": "pharmacy_type", "code": "dtp", "label": "DTP 药房", "label_en": "DTP pharmacy", "sort_order": 6}
    )

    assert response.status_code == 201
    created = entry("pharmacy_type", "dtp")
    assert response.json() == {
        "id": created.id,
        "type": "pharmacy_type",
        "code": "dtp",
        "label": "DTP 药房",
        "label_en": "DTP pharmacy",
        "sort_order": 6,
        "is_active": True,
        "is_flagged": False,
    }
    event = AuditEvent.objects.get(action="dictionary_entry_created")
    assert (event.actor, event.target_id) == (cast.admin, str(created.id))


def test_an_unknown_type_is_refused(cast, as_person):
    response = as_person("admin").post(URL, {"type": "shoe_size", "code": "42", "label": "42"})

    assert response.status_code == 400
    assert response.json()["fields"] == {"type": ["未知的字典类型"]}
    assert not DictionaryEntry.objects.filter(type="shoe_size").exists()


def test_a_duplicate_code_is_a_conflict(cast, as_person):
    before = snapshot()

    response = as_person("admin").post(URL, {"type": "pharmacy_type", "code": "chain", "label": "连锁"})

    assert response.status_code == 409
    assert response.json() == {
        "code": "duplicate_code",
        "message": "字典 pharmacy_type 中已有编码 chain",
        "fields": {"code": ["编码已存在"]},
    }
    assert snapshot() == before


def test_the_same_code_is_fine_in_another_type(cast, as_person):
    response = as_person("admin").post(URL, {"type": "region", "code": "other", "label": "其他区域"})

    assert response.status_code == 201


def test_admin_edits_and_deletes_an_entry(cast, as_person):
    clinic = entry("pharmacy_type", "clinic")
    client = as_person("admin")

    edited = client.patch(f"{URL}{clinic.id}/", {"label": "社区诊所", "is_active": False})
    deleted = client.delete(f"{URL}{clinic.id}/")

    assert edited.status_code == 200
    assert (edited.json()["label"], edited.json()["is_active"]) == ("社区诊所", False)
    updated = AuditEvent.objects.get(action="dictionary_entry_updated")
    assert (updated.before["label"], updated.after["label"]) == ("诊所", "社区诊所")
    assert deleted.status_code == 204
    assert not DictionaryEntry.objects.filter(id=clinic.id).exists()
    assert AuditEvent.objects.get(action="dictionary_entry_deleted").before["code"] == "clinic"


@pytest.mark.parametrize("viewer", ["rep_li", "manager", "supervisor", "executive", "after_sales"])
def test_only_dictionary_managers_change_entries(cast, as_person, viewer):
    client = as_person(viewer)
    clinic = entry("pharmacy_type", "clinic")
    before = snapshot()

    created = client.post(URL, {"type": "pharmacy_type", "code": "dtp", "label": "DTP 药房"})
    edited = client.patch(f"{URL}{clinic.id}/", {"label": "社区诊所"})
    deleted = client.delete(f"{URL}{clinic.id}/")

    assert (created.status_code, edited.status_code, deleted.status_code) == (403, 403, 403)
    assert snapshot() == before
    assert not AuditEvent.objects.filter(action__startswith="dictionary_entry").exists()


def test_naming_a_flagged_entry_clears_the_flag(cast, as_person):
    # What the mall sends before anyone names it: the code as its label, flagged.
    flagged = DictionaryEntry.objects.create(type="pharmacy_type", code="dtp", label="dtp", is_flagged=True)
    client = as_person("admin")

    reordered = client.patch(f"{URL}{flagged.id}/", {"sort_order": 9})
    assert reordered.json()["is_flagged"] is True

    named = client.patch(f"{URL}{flagged.id}/", {"label": "DTP 药房"})

    assert named.status_code == 200
    assert (named.json()["label"], named.json()["is_flagged"]) == ("DTP 药房", False)
    assert DictionaryEntry.objects.get(id=flagged.id).is_flagged is False


def test_filter_flagged_and_inactive_entries(cast, as_person):
    DictionaryEntry.objects.create(type="region", code="x9", label="x9", is_flagged=True)
    client = as_person("admin")
    client.patch(f"{URL}{entry('pharmacy_type', 'other').id}/", {"is_active": False})

    flagged = client.get(URL, {"is_flagged": "true"}).json()["results"]
    inactive = client.get(URL, {"is_active": "false"}).json()["results"]

    assert [(row["type"], row["code"]) for row in flagged] == [("region", "x9")]
    assert [(row["type"], row["code"]) for row in inactive] == [("pharmacy_type", "other")]


def test_the_entry_list_costs_the_same_queries_for_more_rows(cast, as_person, django_assert_max_num_queries):
    client = as_person("rep_li")
    client.get(URL)  # the session's first request also touches the session row
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for number in range(15):
        create_dictionary_entry(actor=cast.admin, type="region", code=f"r{number}", label=f"区域{number}")

    with django_assert_max_num_queries(6):
        response = client.get(URL, {"page_size": 100})

    assert response.json()["count"] == len(DictionaryEntry.objects.all())
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(few)
