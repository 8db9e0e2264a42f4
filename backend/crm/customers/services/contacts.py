"""联系人: the people at a customer that its owner keeps."""

from typing import Any

from django.db import transaction

from crm.accounts.models import User
from crm.audit.services import record_audit_event
from crm.core.crypto import is_valid_phone, phone_index
from crm.core.errors import Forbidden, ValidationFailed
from crm.customers.models import Contact, Customer

CONTACT_FIELDS = ("name", "position", "phone", "is_primary", "notes")


def _apply(contact: Contact, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name not in CONTACT_FIELDS:
            continue
        if name == "phone":
            if value and not is_valid_phone(value):
                raise ValidationFailed("联系电话格式不正确", fields={"phone": ["请输入手机号或带区号的座机号"]})
            contact.phone = value or ""
            contact.phone_index = phone_index(value) if value else ""
        else:
            setattr(contact, name, value)
    if not contact.name.strip():
        raise ValidationFailed("请填写联系人姓名", fields={"name": ["请填写联系人姓名"]})


def _one_primary(contact: Contact) -> None:
    if contact.is_primary:
        Contact.objects.filter(customer_id=contact.customer_id, is_primary=True).exclude(id=contact.id).update(
            is_primary=False
        )


@transaction.atomic
def create_contact(*, actor: User, customer: Customer, **values: Any) -> Contact:
    """Add a contact to a customer the actor sees (the view checks the scope); a new
    primary contact takes the place of the old one."""
    contact = Contact(customer=customer, created_by=actor)
    _apply(contact, values)
    contact.save()
    _one_primary(contact)
    return contact


@transaction.atomic
def update_contact(*, actor: User, contact: Contact, **values: Any) -> Contact:
    _apply(contact, values)
    contact.save()
    _one_primary(contact)
    return contact


@transaction.atomic
def delete_contact(*, actor: User, contact: Contact) -> None:
    contact.delete()


def reveal_contact_phone(*, actor: User, contact: Contact) -> str:
    """A contact's phone in full, for a role that may see customer phones; audited."""
    if "customer.phone" not in actor.field_permission_codes():
        raise Forbidden("您的角色不能查看电话号码的明文")
    record_audit_event(
        actor=actor, action="contact_phone_revealed", target=contact, after={"customer": contact.customer_id}
    )
    return str(contact.phone or "")
