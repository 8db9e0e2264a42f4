"""Customers people enter themselves: prospects not yet in the mall, one by one or from
a spreadsheet (with a dry run that reports every bad row). When such a customer later
registers in the mall, the connector links the two by phone (`mall.record_mall_customer`)."""

from dataclasses import dataclass, field
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from crm.accounts.models import User
from crm.audit.services import record_audit_event
from crm.core.crypto import is_valid_phone, phone_index
from crm.core.errors import Conflict, Forbidden, ValidationFailed
from crm.core.masking import CUSTOMER_FIELD_MASKS
from crm.core.spreadsheets import read_rows
from crm.customers.models import Customer, CustomerSource, OwnershipSource
from crm.customers.services.mall import set_customer_field
from crm.customers.services.ownership import open_period
from crm.dictionary.models import DictionaryEntry

PROFILE_FIELDS = (
    "company_name",
    "pharmacy_type",
    "contact_name",
    "phone",
    "email",
    "id_number",
    "business_license_no",
    "province",
    "city",
    "district",
    "address",
)
# The spreadsheet's columns: the UI's words, or the API's.
IMPORT_HEADERS = {
    "单位名称": "company_name",
    "药店类型": "pharmacy_type",
    "客户姓名": "contact_name",
    "联系电话": "phone",
    "电子邮箱": "email",
    "身份证号": "id_number",
    "营业执照号": "business_license_no",
    "省份": "province",
    "城市": "city",
    "区县": "district",
    "地址": "address",
    "归属销售": "owner",
    **{name: name for name in (*PROFILE_FIELDS, "owner")},
}


def _pharmacy_types() -> dict[str, str]:
    """Pharmacy types by code and by label (a spreadsheet may hold either)."""
    entries = DictionaryEntry.objects.filter(type="pharmacy_type", is_active=True)
    return {key: entry.code for entry in entries for key in (entry.code, entry.label)}


def _check_values(values: dict[str, Any], pharmacy_types: dict[str, str]) -> dict[str, list[str]]:
    """Field errors of a customer's values, in the words the form shows."""
    errors: dict[str, list[str]] = {}
    for name, label in (("company_name", "单位名称"), ("contact_name", "客户姓名"), ("phone", "联系电话")):
        if not str(values.get(name) or "").strip():
            errors[name] = [f"请填写{label}"]
    phone = str(values.get("phone") or "")
    if phone and not is_valid_phone(phone):
        errors["phone"] = ["不是有效的大陆手机号或固定电话"]
    kind = str(values.get("pharmacy_type") or "")
    if kind and kind not in pharmacy_types:
        errors["pharmacy_type"] = [f"药店类型 {kind} 不在数据字典中"]
    return errors


def _duplicate_of(phone: str) -> Customer | None:
    return Customer.objects.select_related("owner").filter(phone_index=phone_index(phone)).first()


def _duplicate_message(existing: Customer) -> str:
    owner = existing.owner.display_name if existing.owner else "公海"
    return f"该电话已属于客户 {existing.company_name}（{owner}）"


def _owner_for(actor: User, owner: User | None) -> User:
    if owner is None or owner.id == actor.id:
        return actor
    if not owner.is_active or not User.objects.visible_to(actor).filter(id=owner.id).exists():
        raise Forbidden(f"{owner} 不在您的管理范围内", fields={"owner": ["只能录入给您管理范围内的人员"]})
    return owner


def _create(actor: User, owner: User, values: dict[str, Any], source: str, pharmacy_types: dict[str, str]) -> Customer:
    customer = Customer(source=source, created_by=actor)
    for name in PROFILE_FIELDS:
        value = values.get(name) or ""
        set_customer_field(customer, name, pharmacy_types.get(value, value) if name == "pharmacy_type" else value)
    customer.save()
    open_period(customer, owner, at=timezone.now(), source=OwnershipSource.CREATED, actor=actor, code="", reason="")
    return customer


@transaction.atomic
def create_customer(*, actor: User, values: dict[str, Any], owner: User | None = None) -> Customer:
    """录入客户: a prospect, owned by the actor (or by someone in the actor's scope). A
    phone already known is refused, naming the customer it belongs to."""
    pharmacy_types = _pharmacy_types()
    errors = _check_values(values, pharmacy_types)
    if errors:
        raise ValidationFailed(next(iter(errors.values()))[0], fields=errors)
    existing = _duplicate_of(values["phone"])
    if existing is not None:
        message = _duplicate_message(existing)
        raise Conflict(message, code="duplicate_phone", fields={"phone": [message]})
    customer = _create(actor, _owner_for(actor, owner), values, CustomerSource.MANUAL, pharmacy_types)
    record_audit_event(actor=actor, action="customer_created", target=customer, after={"source": "manual"})
    return customer


@transaction.atomic
def update_customer(*, actor: User, customer: Customer, values: dict[str, Any]) -> Customer:
    """修改客户资料 of a customer entered in the CRM; a mall customer's profile is the
    mall's (its next update would overwrite the change), so it is refused."""
    if customer.mall_customer_id:
        raise Conflict("商城客户的资料以商城为准，请在商城中修改", code="mall_customer")
    masked = [name for name in CUSTOMER_FIELD_MASKS if "*" in str(values.get(name) or "")]
    if masked:
        message = "请输入完整的值，而不是脱敏显示的值"
        raise ValidationFailed(message, fields={name: [message] for name in masked})
    merged = {name: getattr(customer, name) for name in PROFILE_FIELDS} | values
    pharmacy_types = _pharmacy_types()
    errors = _check_values(merged, pharmacy_types)
    if errors:
        raise ValidationFailed(next(iter(errors.values()))[0], fields=errors)
    if "phone" in values:
        existing = _duplicate_of(values["phone"])
        if existing is not None and existing.id != customer.id:
            message = _duplicate_message(existing)
            raise Conflict(message, code="duplicate_phone", fields={"phone": [message]})
    before = {name: getattr(customer, name) for name in values if name not in ("phone", "email", "id_number")}
    for name, value in values.items():
        if name in PROFILE_FIELDS:
            set_customer_field(customer, name, pharmacy_types.get(value, value) if name == "pharmacy_type" else value)
    customer.save()
    after = {name: getattr(customer, name) for name in before}
    record_audit_event(actor=actor, action="customer_updated", target=customer, before=before, after=after)
    return customer


@dataclass
class ImportRow:
    row: int  # as the spreadsheet numbers it (the header is row 1)
    company_name: str
    status: str  # "ok" (dry run) | "created" | "error"
    reasons: dict[str, list[str]] = field(default_factory=dict)  # why refused, by field
    customer_id: int | None = None


@dataclass
class ImportResult:
    dry_run: bool
    rows: list[ImportRow]

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.status == "error")


def import_customers(*, actor: User, upload: IO[bytes], name: str, dry_run: bool) -> ImportResult:
    """批量导入: read the spreadsheet, check every row (required fields, phone, pharmacy
    type, owner, duplicates by phone in the CRM and within the file) and, unless it is a
    dry run, enter the good rows in one transaction. Every bad row is reported with its
    reasons; the good ones do not wait for them."""
    rows = read_rows(upload, name)
    unknown = sorted({header for header in (rows[0] if rows else {}) if header not in IMPORT_HEADERS})
    if unknown:
        message = f"无法识别的列：{'、'.join(unknown)}"
        raise ValidationFailed(message, fields={"file": [message, f"可用的列：{'、'.join(list(IMPORT_HEADERS)[:12])}"]})
    pharmacy_types = _pharmacy_types()
    owners = {user.username: user for user in User.objects.visible_to(actor).filter(is_active=True)}
    seen: dict[str, int] = {}
    checked: list[tuple[ImportRow, dict[str, Any], User]] = []
    result = ImportResult(dry_run=dry_run, rows=[])
    for number, raw in enumerate(rows, start=2):
        values = {IMPORT_HEADERS[header]: value for header, value in raw.items()}
        line = ImportRow(row=number, company_name=values.get("company_name", ""), status="ok")
        line.reasons = _check_values(values, pharmacy_types)
        owner = actor
        if values.get("owner"):
            owner = owners.get(values["owner"])  # type: ignore[assignment]
            if owner is None:
                line.reasons["owner"] = [f"归属销售 {values['owner']} 不存在或不在您的管理范围内"]
        phone = values.get("phone", "")
        if phone and "phone" not in line.reasons:
            key = phone_index(phone)
            existing = _duplicate_of(phone)
            if existing is not None:
                line.reasons["phone"] = [_duplicate_message(existing)]
            elif key in seen:
                line.reasons["phone"] = [f"与第 {seen[key]} 行的电话重复"]
            seen.setdefault(key, number)
        if line.reasons:
            line.status = "error"
        else:
            checked.append((line, values, owner))
        result.rows.append(line)
    if not dry_run and checked:
        with transaction.atomic():
            for line, values, owner in checked:
                line.customer_id = _create(actor, owner, values, CustomerSource.IMPORT, pharmacy_types).id
                line.status = "created"
            record_audit_event(
                actor=actor,
                action="customers_imported",
                target_type="customer",
                target_label=name,
                after={"created": len(checked), "refused": result.error_count},
            )
    return result
