"""Reading parameters and dictionary labels, cached briefly since every login reads them."""

from django.core.cache import cache

from crm.core.errors import ValidationFailed
from crm.dictionary.catalogue import PARAMETERS
from crm.dictionary.models import DictionaryEntry, ParameterValue

_CACHE_SECONDS = 60


def _cache_key(key: str) -> str:
    return f"parameter:{key}"


def get_parameter(key: str) -> int | bool | str:
    """The current value of a runtime parameter (its default when nobody changed it)."""
    definition = PARAMETERS[key]
    cached = cache.get(_cache_key(key))
    if cached is not None:
        return cached
    row = ParameterValue.objects.filter(key=key).only("value").first()
    value = row.value if row is not None else definition.default
    cache.set(_cache_key(key), value, _CACHE_SECONDS)
    return value


def get_integer_parameters(*keys: str) -> list[int]:
    """Several parameters' values, read from the cache at once."""
    cached = cache.get_many([_cache_key(key) for key in keys])
    return [int(cached[_cache_key(key)]) if _cache_key(key) in cached else get_integer_parameter(key) for key in keys]


def get_integer_parameter(key: str) -> int:
    return int(get_parameter(key))


def get_boolean_parameter(key: str) -> bool:
    return bool(get_parameter(key))


def forget_parameter(key: str) -> None:
    cache.delete(_cache_key(key))


def entry_label(type_code: str, code: str) -> str:
    entry = DictionaryEntry.objects.filter(type=type_code, code=code).only("label").first()
    return entry.label if entry else code


def active_entry_label(type_code: str, code: str) -> str | None:
    """The label of an entry people may still choose, or None when there is none."""
    entry = DictionaryEntry.objects.filter(type=type_code, code=code, is_active=True).only("label").first()
    return entry.label if entry else None


def chosen_entry_label(type_code: str, code: str, field: str = "reason_code") -> str:
    """The label of the entry a person chose, refusing a code that is not (or no longer)
    in the dictionary."""
    label = active_entry_label(type_code, code)
    if label is None:
        raise ValidationFailed("请从数据字典中选择", fields={field: [f"{code} 不在数据字典中或已停用"]})
    return label
