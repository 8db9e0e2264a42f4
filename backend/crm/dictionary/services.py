"""Changing the dictionary and the runtime parameters, each change audited."""

from typing import Any

from django.db import transaction

from crm.audit.services import record_audit_event
from crm.core.errors import Conflict, ValidationFailed
from crm.dictionary.catalogue import DICTIONARY_TYPE_CODES, PARAMETERS, ParameterDefinition
from crm.dictionary.models import DictionaryEntry, ParameterValue
from crm.dictionary.selectors import forget_parameter, get_parameter

_ENTRY_FIELDS = ("label", "label_en", "sort_order", "is_active")


def _entry_state(entry: DictionaryEntry) -> dict[str, Any]:
    return {"type": entry.type, "code": entry.code, **{f: getattr(entry, f) for f in _ENTRY_FIELDS}}


@transaction.atomic
def create_dictionary_entry(
    *, actor: Any, type: str, code: str, label: str, label_en: str = "", sort_order: int = 0
) -> DictionaryEntry:
    if type not in DICTIONARY_TYPE_CODES:
        raise ValidationFailed(f"未知的字典类型 {type}", fields={"type": ["未知的字典类型"]})
    if DictionaryEntry.objects.filter(type=type, code=code).exists():
        raise Conflict(f"字典 {type} 中已有编码 {code}", code="duplicate_code", fields={"code": ["编码已存在"]})
    entry = DictionaryEntry.objects.create(type=type, code=code, label=label, label_en=label_en, sort_order=sort_order)
    record_audit_event(actor=actor, action="dictionary_entry_created", target=entry, after=_entry_state(entry))
    return entry


@transaction.atomic(savepoint=False)
def ensure_dictionary_entry(*, type: str, code: str) -> DictionaryEntry:
    """The entry for a code another system uses (the mall's pharmacy types): an unknown
    code is added, flagged for an admin to name (待命名), instead of being refused."""
    entry, _ = DictionaryEntry.objects.get_or_create(type=type, code=code, defaults={"label": code, "is_flagged": True})
    return entry


@transaction.atomic
def update_dictionary_entry(*, actor: Any, entry: DictionaryEntry, **changes: Any) -> DictionaryEntry:
    """Change labels, order or activity. Naming a flagged entry (one the mall sent unnamed)
    clears its flag."""
    before = _entry_state(entry)
    for field in _ENTRY_FIELDS:
        if field in changes:
            setattr(entry, field, changes[field])
    if "label" in changes:
        entry.is_flagged = False
    entry.save()
    record_audit_event(
        actor=actor, action="dictionary_entry_updated", target=entry, before=before, after=_entry_state(entry)
    )
    return entry


@transaction.atomic
def delete_dictionary_entry(*, actor: Any, entry: DictionaryEntry) -> None:
    before = _entry_state(entry)
    record_audit_event(actor=actor, action="dictionary_entry_deleted", target=entry, before=before)
    entry.delete()


def _validated_value(definition: ParameterDefinition, value: Any) -> int | bool | str:
    if definition.kind == "boolean":
        if not isinstance(value, bool):
            raise ValidationFailed("必须是 true 或 false", fields={"value": ["必须是 true 或 false"]})
        return value
    if definition.kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationFailed("必须是整数", fields={"value": ["必须是整数"]})
        low, high = definition.minimum, definition.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            message = f"{definition.name}必须在 {low} 到 {high} 之间"
            raise ValidationFailed(message, fields={"value": [message]})
        return value
    if not isinstance(value, str):
        raise ValidationFailed("必须是文本", fields={"value": ["必须是文本"]})
    return value


@transaction.atomic
def set_parameter(*, actor: Any, key: str, value: Any) -> int | bool | str:
    definition = PARAMETERS.get(key)
    if definition is None:
        raise ValidationFailed(f"未知的参数 {key}", fields={"key": ["未知的参数"]})
    value = _validated_value(definition, value)
    before = get_parameter(key)
    ParameterValue.objects.update_or_create(key=key, defaults={"value": value, "updated_by": actor})
    transaction.on_commit(lambda: forget_parameter(key))
    forget_parameter(key)
    record_audit_event(
        actor=actor,
        action="parameter_changed",
        target_type="parameter",
        target_id=key,
        target_label=definition.name,
        before={"value": before},
        after={"value": value},
    )
    return value
