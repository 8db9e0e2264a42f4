"""Re-encrypt every sensitive value under the first key of CRM_FIELD_ENCRYPTION_KEYS.

Rotation: put the new key first, keep the old ones after it, run this command, then
remove the old keys. Covers every `EncryptedTextField` and the encrypted values inside
JSON fields that a model lists in `encrypted_json_fields` (the mall events' payloads)."""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from crm.core import crypto
from crm.core.crypto import EncryptedTextField

CHUNK = 1000


def _rotate_json(value: Any) -> Any:
    if isinstance(value, str) and crypto.is_encrypted(value):
        return crypto.rotate(value)
    if isinstance(value, dict):
        return {key: _rotate_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_rotate_json(item) for item in value]
    return value


class Command(BaseCommand):
    help = "Re-encrypt every sensitive value under the current (first) encryption key."

    def handle(self, *args: Any, **options: Any) -> None:
        crypto.forget_keys()
        for model in apps.get_models():
            text_fields = [f.name for f in model._meta.get_fields() if isinstance(f, EncryptedTextField)]
            json_fields = list(getattr(model, "encrypted_json_fields", ()))
            if not text_fields and not json_fields:
                continue
            count = self._rotate_model(model, text_fields, json_fields)
            self.stdout.write(f"{model._meta.label}: {count} rows re-encrypted")

    def _rotate_model(self, model: Any, text_fields: list[str], json_fields: list[str]) -> int:
        fields = text_fields + json_fields
        count, last_id = 0, 0
        while True:
            with transaction.atomic():
                rows = list(model.objects.filter(pk__gt=last_id).order_by("pk").only("pk", *fields)[:CHUNK])
                if not rows:
                    return count
                # Reading decrypted the text fields; writing them encrypts under the first key.
                for row in rows:
                    for name in json_fields:
                        setattr(row, name, _rotate_json(getattr(row, name)))
                model.objects.bulk_update(rows, fields)
                count += len(rows)
                last_id = rows[-1].pk
