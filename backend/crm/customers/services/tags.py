"""客户标签: the labels people put on customers."""

from django.db import transaction

from crm.accounts.models import User
from crm.core.errors import ValidationFailed
from crm.customers.models import Customer, CustomerTag
from crm.dictionary.models import DictionaryEntry

MAX_TAGS = 10


@transaction.atomic
def set_customer_tags(*, actor: User, customer: Customer, codes: list[str]) -> list[str]:
    """Make the customer's tags exactly `codes` (from the dictionary's customer_tag list);
    tags already on the customer keep who put them there and when."""
    wanted = list(dict.fromkeys(code.strip() for code in codes if code.strip()))
    if len(wanted) > MAX_TAGS:
        raise ValidationFailed(f"最多 {MAX_TAGS} 个标签", fields={"tags": [f"最多 {MAX_TAGS} 个标签"]})
    known = set(
        DictionaryEntry.objects.filter(type="customer_tag", code__in=wanted, is_active=True).values_list(
            "code", flat=True
        )
    )
    unknown = [code for code in wanted if code not in known]
    if unknown:
        message = f"标签 {'、'.join(unknown)} 不在数据字典中"
        raise ValidationFailed(message, fields={"tags": [message]})
    CustomerTag.objects.filter(customer=customer).exclude(code__in=wanted).delete()
    present = set(CustomerTag.objects.filter(customer=customer).values_list("code", flat=True))
    CustomerTag.objects.bulk_create(
        CustomerTag(customer=customer, code=code, tagged_by=actor) for code in wanted if code not in present
    )
    return sorted(wanted)
