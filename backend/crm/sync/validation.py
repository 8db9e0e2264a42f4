"""Validating mall events against the contract (contracts/mall-events.md): the envelope,
then the data of each type. Errors name the field as the contract does (`data.total_amount`)."""

import re
from datetime import datetime
from decimal import Decimal
from typing import Any

from rest_framework import serializers

from crm.commerce.models import OrderStatus, PaymentMethod
from crm.core.crypto import is_valid_phone
from crm.core.errors import flatten_fields

EVENT_TYPES = (
    "customer.registered",
    "customer.updated",
    "customer.logged_in",
    "product.upserted",
    "order.created",
    "order.status_changed",
    "inventory.snapshot",
)


class MallTimeField(serializers.DateTimeField):
    """RFC 3339 with an offset: a time without one is ambiguous and refused."""

    def to_internal_value(self, value: Any) -> datetime:
        if not isinstance(value, str):
            self.fail("invalid", format="RFC 3339")
        parsed = super().to_internal_value(value)
        if not re.search(r"(Z|[+-]\d{2}:?\d{2})$", value.strip()):
            raise serializers.ValidationError("时间必须带时区偏移，如 2026-03-01T09:30:00+08:00")
        return parsed


class MoneyField(serializers.DecimalField):
    """CNY as a decimal string with at most two decimals ("1234.50"), never a float."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_digits=14, decimal_places=2, **kwargs)

    def to_internal_value(self, data: Any) -> Decimal:
        if not isinstance(data, str):
            raise serializers.ValidationError('金额必须是字符串形式的十进制数，如 "1234.50"')
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    """A JSON integer; "3" and 3.0 are refused rather than guessed."""

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise serializers.ValidationError("必须是整数")
        return super().to_internal_value(data)


class PhoneField(serializers.CharField):
    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if not is_valid_phone(value):
            raise serializers.ValidationError("不是有效的大陆手机号或固定电话")
        return value


def _text(required: bool = False, max_length: int = 200) -> serializers.CharField:
    return serializers.CharField(required=required, allow_blank=not required, max_length=max_length)


class CustomerDataSerializer(serializers.Serializer[Any]):
    customer_id = _text(required=True, max_length=64)
    company_name = _text(max_length=200)
    pharmacy_type = _text(max_length=64)
    contact_name = _text(max_length=100)
    phone = PhoneField(required=False)
    email = serializers.EmailField(required=False, allow_blank=True)
    id_number = _text(max_length=32)
    business_license_no = _text(max_length=32)
    province = _text(max_length=50)
    city = _text(max_length=50)
    district = _text(max_length=50)
    address = _text(max_length=255)
    registered_at = MallTimeField(required=False)
    invite_code = _text(max_length=16)


class CustomerRegisteredSerializer(CustomerDataSerializer):
    REQUIRED = ("company_name", "pharmacy_type", "contact_name", "phone", "registered_at")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        missing = {name: ["注册事件必须包含该字段"] for name in self.REQUIRED if not attrs.get(name)}
        if missing:
            raise serializers.ValidationError(missing)
        return attrs


class CustomerLoggedInSerializer(serializers.Serializer[Any]):
    customer_id = _text(required=True, max_length=64)
    logged_in_at = MallTimeField()


class CategorySerializer(serializers.Serializer[Any]):
    code = _text(required=True, max_length=64)
    name = _text(required=True, max_length=100)
    parent_code = _text(max_length=64)


class ProductUpsertedSerializer(serializers.Serializer[Any]):
    product_id = _text(required=True, max_length=64)
    name = _text(required=True, max_length=200)
    spec = _text(max_length=100)
    unit = _text(max_length=20)
    manufacturer = _text(max_length=200)
    price = MoneyField()
    category = CategorySerializer(required=False)


class OrderItemSerializer(serializers.Serializer[Any]):
    product_id = _text(required=True, max_length=64)
    product_name = _text(required=True, max_length=200)
    spec = _text(max_length=100)
    quantity = StrictIntegerField(min_value=1)
    unit_price = MoneyField()
    amount = MoneyField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        expected = attrs["quantity"] * attrs["unit_price"]
        if attrs["amount"] != expected:
            raise serializers.ValidationError({"amount": [f"应为 数量 × 单价 = {expected:.2f}"]})
        return attrs


class OrderCreatedSerializer(serializers.Serializer[Any]):
    order_id = _text(required=True, max_length=64)
    customer_id = _text(required=True, max_length=64)
    created_at = MallTimeField()
    status = serializers.ChoiceField(choices=OrderStatus.choices)
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices, required=False, allow_blank=True)
    items = OrderItemSerializer(many=True, allow_empty=False)
    discount_amount = MoneyField(required=False, default=Decimal("0.00"))
    freight_amount = MoneyField(required=False, default=Decimal("0.00"))
    total_amount = MoneyField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        items_total = sum((item["amount"] for item in attrs["items"]), Decimal("0.00"))
        expected = items_total - attrs["discount_amount"] + attrs["freight_amount"]
        if attrs["total_amount"] != expected:
            discount, freight = attrs["discount_amount"], attrs["freight_amount"]
            message = f"应为 明细合计 {items_total:.2f} − 优惠 {discount:.2f} + 运费 {freight:.2f} = {expected:.2f}"
            raise serializers.ValidationError({"total_amount": [message]})
        return attrs


class OrderStatusChangedSerializer(serializers.Serializer[Any]):
    order_id = _text(required=True, max_length=64)
    status = serializers.ChoiceField(choices=OrderStatus.choices)
    changed_at = MallTimeField()
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices, required=False, allow_blank=True)
    reason = _text(max_length=255)


class InventorySnapshotSerializer(serializers.Serializer[Any]):
    product_id = _text(required=True, max_length=64)
    quantity = StrictIntegerField(min_value=0)
    as_of = MallTimeField()


DATA_SERIALIZERS: dict[str, type[serializers.Serializer[Any]]] = {
    "customer.registered": CustomerRegisteredSerializer,
    "customer.updated": CustomerDataSerializer,
    "customer.logged_in": CustomerLoggedInSerializer,
    "product.upserted": ProductUpsertedSerializer,
    "order.created": OrderCreatedSerializer,
    "order.status_changed": OrderStatusChangedSerializer,
    "inventory.snapshot": InventorySnapshotSerializer,
}

# The event's own time, which orders the applier (the contract's "Ordering" section).
TIME_FIELDS = {
    "customer.logged_in": "logged_in_at",
    "order.status_changed": "changed_at",
    "inventory.snapshot": "as_of",
}


class EnvelopeSerializer(serializers.Serializer[Any]):
    id = _text(required=True, max_length=128)
    type = serializers.ChoiceField(choices=[(name, name) for name in EVENT_TYPES])
    occurred_at = MallTimeField()
    data = serializers.DictField()  # type: ignore[assignment]


class ValidEvent:
    """An event that passed validation: its envelope and its typed data."""

    def __init__(self, envelope: dict[str, Any], data: dict[str, Any]):
        self.event_id: str = envelope["id"]
        self.type: str = envelope["type"]
        self.occurred_at: datetime = envelope["occurred_at"]
        self.data = data
        self.warnings: list[str] = []
        time_field = TIME_FIELDS.get(self.type)
        self.effective_at: datetime = data[time_field] if time_field else self.occurred_at


_VALIDATORS: dict[type[serializers.Serializer[Any]], serializers.Serializer[Any]] = {}


def _validator(serializer_class: type[serializers.Serializer[Any]]) -> serializers.Serializer[Any]:
    # One instance per type, reused: building a serializer deep-copies its fields, which
    # cost more than validating the event. Validation keeps no state on the instance.
    if serializer_class not in _VALIDATORS:
        _VALIDATORS[serializer_class] = serializer_class()
    return _VALIDATORS[serializer_class]


def validate_event(raw: Any) -> tuple[ValidEvent | None, dict[str, list[str]]]:
    """The typed event, or the errors that refuse it, by field."""
    if not isinstance(raw, dict):
        return None, {"event": ["每个事件必须是 JSON 对象"]}
    try:
        envelope = _validator(EnvelopeSerializer).run_validation(raw)
    except serializers.ValidationError as error:
        return None, flatten_fields(error.detail)
    data_validator = _validator(DATA_SERIALIZERS[envelope["type"]])
    try:
        clean = dict(data_validator.run_validation(raw["data"]))
    except serializers.ValidationError as error:
        return None, flatten_fields(error.detail, "data")
    if envelope["type"] == "customer.updated":
        # Only the fields the mall sent changed; defaults must not look like changes.
        clean = {key: value for key, value in clean.items() if key in raw["data"]}
    event = ValidEvent(envelope, clean)
    unknown = sorted(set(raw["data"]) - set(data_validator.fields))
    if unknown:
        # A newer mall may send more; what the contract does not know is ignored, visibly.
        event.warnings.append(f"忽略合同之外的字段：{', '.join(unknown)}")
    return event, {}


_TIME_KEYS = {"occurred_at", "registered_at", "logged_in_at", "created_at", "changed_at", "as_of"}
_MONEY_KEYS = {"price", "unit_price", "amount", "discount_amount", "freight_amount", "total_amount"}


def _typed(key: str, value: Any) -> Any:
    if isinstance(value, dict):
        return {name: _typed(name, item) for name, item in value.items()}
    if isinstance(value, list):
        return [_typed(key, item) for item in value]
    if not isinstance(value, str):
        return value
    if key in _TIME_KEYS:
        return datetime.fromisoformat(value)
    if key in _MONEY_KEYS:
        return Decimal(value)
    return value.strip()  # as the validating serializers trim text


def validated_event(raw: dict[str, Any]) -> ValidEvent:
    """The typed form of an event that passed `validate_event` when it was stored (every
    pending event did: at receipt, or when corrected or replayed). The applier uses it to
    spare each event a second full validation."""
    data = _typed("data", raw["data"])
    if raw["type"] == "order.created":
        data.setdefault("discount_amount", Decimal("0.00"))
        data.setdefault("freight_amount", Decimal("0.00"))
    envelope = {"id": raw["id"], "type": raw["type"], "occurred_at": datetime.fromisoformat(raw["occurred_at"])}
    return ValidEvent(envelope, data)
