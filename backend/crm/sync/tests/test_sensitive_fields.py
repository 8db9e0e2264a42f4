"""Phone, email, ID and licence numbers: encrypted in every table the connector writes,
found by exact phone number in any notation, and re-encrypted under a new key."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from crm.core import crypto
from crm.customers.models import Customer
from crm.sync.tests.helpers import deliver

pytestmark = pytest.mark.django_db

SECRETS = ["13800138000", "0013-8000", "wangfang@renhe.example", "310101198001011234", "91310101MA1FL0XX1K"]
REGISTRATION = {
    "id": "evt_reg_1",
    "type": "customer.registered",
    "occurred_at": "2026-03-01T09:00:00+08:00",
    "data": {
        "customer_id": "C000001",
        "company_name": "上海仁和大药房有限公司",
        "pharmacy_type": "single",
        "contact_name": "王芳",
        "phone": "+86 138-0013-8000",
        "email": "wangfang@renhe.example",
        "id_number": "310101198001011234",
        "business_license_no": "91310101MA1FL0XX1K",
        "registered_at": "2026-03-01T09:00:00+08:00",
    },
}


def database_text() -> str:
    """Every row of the tables holding customer data and mall events, as stored."""
    dump = []
    with connection.cursor() as cursor:
        for table in ("customers_customer", "sync_mallevent"):
            cursor.execute(f"SELECT * FROM {table}")
            dump.extend(str(row) for row in cursor.fetchall())
    return "\n".join(dump)


def test_no_sensitive_value_is_stored_in_plain_text():
    deliver([REGISTRATION])
    stored = database_text()
    assert "上海仁和大药房有限公司" in stored  # the dump is real
    for secret in SECRETS:
        assert secret not in stored


def test_the_customer_reads_back_in_plain_text():
    deliver([REGISTRATION])
    customer = Customer.objects.get()
    assert (customer.phone, customer.email, customer.id_number, customer.business_license_no) == (
        "+86 138-0013-8000",
        "wangfang@renhe.example",
        "310101198001011234",
        "91310101MA1FL0XX1K",
    )
    assert customer.phone_last_four == "8000"


@pytest.mark.parametrize("notation", ["13800138000", "+86 138 0013 8000", "138-0013-8000", "0086-13800138000"])
def test_an_exact_phone_number_finds_the_customer_in_any_notation(notation):
    deliver([REGISTRATION])
    assert list(
        Customer.objects.filter(phone_index=crypto.phone_index(notation)).values_list("mall_customer_id", flat=True)
    ) == ["C000001"]


def test_another_number_finds_nobody():
    deliver([REGISTRATION])
    assert not Customer.objects.filter(phone_index=crypto.phone_index("13800138001")).exists()


def test_rotation_re_encrypts_everything_under_the_new_key(settings):
    deliver([REGISTRATION])
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    crypto.forget_keys()
    try:
        call_command("rotate_encryption_keys", verbosity=0)
        settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key is gone now
        crypto.forget_keys()
        customer = Customer.objects.get()
        assert customer.email == "wangfang@renhe.example"
        assert "wangfang" not in database_text()
        from crm.sync.inbox import reveal
        from crm.sync.models import MallEvent

        assert reveal(MallEvent.objects.get().payload)["data"]["id_number"] == "310101198001011234"
    finally:
        settings.FIELD_ENCRYPTION_KEYS = [old_key]
        crypto.forget_keys()
