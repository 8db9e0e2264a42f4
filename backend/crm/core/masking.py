"""Showing sensitive values masked (138****8000) to people whose role may not see them
unmasked (DESIGN.md rule 8)."""

from collections.abc import Set as AbstractSet


def mask_phone(value: str) -> str:
    digits = value.strip()
    if len(digits) <= 7:
        return "*" * len(digits)
    return f"{digits[:3]}****{digits[-4:]}"


def mask_email(value: str) -> str:
    name, _, domain = value.partition("@")
    if not domain:
        return mask_text(value)
    return f"{name[:1]}***@{domain}"


def mask_text(value: str) -> str:
    """Identity and licence numbers: the first and last four characters stay."""
    if len(value) <= 8:
        return "*" * len(value)
    return f"{value[:4]}{'*' * (len(value) - 8)}{value[-4:]}"


# The field permission that unmasks each customer field, and how the field is masked.
CUSTOMER_FIELD_MASKS = {
    "phone": ("customer.phone", mask_phone),
    "email": ("customer.email", mask_email),
    "id_number": ("customer.id_number", mask_text),
    "business_license_no": ("customer.business_license_no", mask_text),
}


def mask_customer_fields(values: dict[str, object], unmasked: AbstractSet[str]) -> dict[str, object]:
    """The values with every sensitive customer field masked unless its field permission
    is in `unmasked`."""
    shown = dict(values)
    for name, (permission, mask) in CUSTOMER_FIELD_MASKS.items():
        value = shown.get(name)
        if isinstance(value, str) and value and permission not in unmasked:
            shown[name] = mask(value)
    return shown
