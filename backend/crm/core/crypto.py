"""Sensitive fields encrypted at rest (DESIGN.md rule 8), and the keyed blind index that
finds them by exact value.

Encryption is Fernet (AES-128-CBC + HMAC-SHA256, from the `cryptography` library) under a
`MultiFernet`: the first key of `CRM_FIELD_ENCRYPTION_KEYS` encrypts, every listed key
decrypts, so a new key is rolled in by putting it first and running
`manage.py rotate_encryption_keys`. The blind index is an HMAC-SHA256 under a separate key
(`CRM_BLIND_INDEX_KEY`), so the index reveals nothing without that key either.
"""

import base64
import hashlib
import hmac
import re
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

_TOKEN_PREFIX = "enc:"


@cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.FIELD_ENCRYPTION_KEYS])


def forget_keys() -> None:
    """Re-read the keys from settings (after a test or a rotation changes them)."""
    _fernet.cache_clear()


def encrypt(value: str) -> str:
    return _TOKEN_PREFIX + _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    if not token.startswith(_TOKEN_PREFIX):
        raise ValueError("not an encrypted value")
    try:
        return _fernet().decrypt(token[len(_TOKEN_PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise ValueError("the value was encrypted under a key that is no longer configured") from error


def is_encrypted(value: str) -> bool:
    return value.startswith(_TOKEN_PREFIX)


def rotate(token: str) -> str:
    """The same value, encrypted under the current first key."""
    return _TOKEN_PREFIX + _fernet().rotate(token[len(_TOKEN_PREFIX) :].encode()).decode()


def keyed_hash(value: str, purpose: str) -> str:
    """HMAC-SHA256 of a value under the blind-index key, hex. `purpose` separates indexes."""
    key = base64.urlsafe_b64decode(settings.BLIND_INDEX_KEY)
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


_PHONE_DIGITS = re.compile(r"^(1[3-9]\d{9}|0\d{9,11})$")


def is_valid_phone(value: str) -> bool:
    """A mainland mobile number (11 digits from 13…) or a landline with its area code."""
    return bool(_PHONE_DIGITS.match(normalise_phone(value)))


def normalise_phone(value: str) -> str:
    """The digits that identify a Chinese phone number, whatever the notation:
    "+86 138-0013-8000", "0086 13800138000" and "13800138000" are one number."""
    digits = re.sub(r"\D", "", value)
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits


def phone_index(value: str) -> str:
    return keyed_hash(normalise_phone(value), "phone")


class EncryptedTextField(models.TextField):
    """Text stored encrypted; Python sees the plain value. Not searchable or sortable:
    search goes through a blind index kept beside it."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "" or is_encrypted(value):
            return value
        return encrypt(value)
