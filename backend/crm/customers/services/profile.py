"""A customer's profile as people see and keep it: revealing a sensitive field."""

from crm.accounts.models import User
from crm.audit.services import record_audit_event
from crm.core.errors import Forbidden, ValidationFailed
from crm.core.masking import CUSTOMER_FIELD_MASKS
from crm.customers.models import Customer


def reveal_customer_field(*, actor: User, customer: Customer, field_name: str) -> str:
    """The plain value of one sensitive field, for a person whose role may see it; every
    reveal is audited (DESIGN.md rule 8)."""
    if field_name not in CUSTOMER_FIELD_MASKS:
        raise ValidationFailed("该字段不是敏感字段", fields={"field": [f"未知的敏感字段 {field_name}"]})
    permission, _mask = CUSTOMER_FIELD_MASKS[field_name]
    if permission not in actor.field_permission_codes():
        raise Forbidden("您的角色不能查看该字段的明文")
    record_audit_event(actor=actor, action="customer_field_revealed", target=customer, after={"field": field_name})
    return str(getattr(customer, field_name) or "")
