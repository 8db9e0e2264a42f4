"""A small book of customers and orders over the test cast, written through the domain
services as the mall connector writes them, with one customer that changed owner:

    customer        owner now       orders (created, credited to)
    仁心大药房      李明            O1 2026-02-01 李明
    康泰药店        张伟            O2 2026-02-02 张伟
    西湖诊所        刘洋            O3 2026-02-03 刘洋
    公海药店        — (pool)        O4 2026-02-04 nobody
    转手药房        刘洋 (李明 until 2026-03-01)   O5A 2026-02-10 李明, O5B 2026-04-10 刘洋
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from crm.accounts.demo import DemoOrganisation
from crm.commerce.models import Order
from crm.commerce.services import record_order, record_status_change, upsert_product
from crm.customers.models import Customer, Ownership, OwnershipSource
from crm.customers.services.mall import record_mall_customer
from crm.customers.services.ownership import set_owner

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@dataclass
class Book:
    li_customer: Customer
    zhang_customer: Customer
    liu_customer: Customer
    pool_customer: Customer
    moved_customer: Customer
    orders: dict[str, Order]


def _customer(number: int, name: str, phone: str, invite_code: str | None) -> Customer:
    values = {
        "company_name": name,
        "pharmacy_type": "single",
        "contact_name": f"联系人{number}",
        "phone": phone,
        "email": f"buyer{number}@example.cn",
        "province": "浙江省" if number == 3 else "上海市",
        "city": "杭州市" if number == 3 else "上海市",
        "registered_at": at("2025-06-01T09:00:00"),
    }
    result = record_mall_customer(
        mall_customer_id=f"C{number}", values=values, at=at("2025-06-01T09:00:00"), invite_code=invite_code
    )
    return result.customer


def _order(number: str, customer: Customer, created: str, amount: str, paid: bool = True) -> Order:
    product = upsert_product(
        mall_product_id="P1",
        name="阿莫西林胶囊",
        spec="0.25g×24粒",
        unit="盒",
        manufacturer="华北制药",
        price=Decimal("12.50"),
        category=None,
        at=at("2025-01-01T00:00:00"),
    )
    quantity = int(Decimal(amount) / Decimal("12.50"))
    order, _created = record_order(
        mall_order_id=f"O{number}",
        customer=customer,
        created_at=at(created),
        status="pending_payment",
        payment_method="online",
        items=[
            {
                "product": product,
                "product_name": product.name,
                "spec": product.spec,
                "quantity": quantity,
                "unit_price": Decimal("12.50"),
                "amount": Decimal(amount),
            }
        ],
        discount_amount=Decimal("0.00"),
        freight_amount=Decimal("0.00"),
        total_amount=Decimal(amount),
    )
    if paid:
        record_status_change(order=order, status="paid", changed_at=at(created).replace(hour=12))
    order.refresh_from_db()
    return order


def build_book(cast: DemoOrganisation) -> Book:
    li = _customer(1, "仁心大药房", "13800138001", cast.rep_li.invite_code)
    zhang = _customer(2, "康泰药店", "13900139002", cast.rep_zhang.invite_code)
    liu = _customer(3, "西湖诊所", "13700137003", cast.rep_liu.invite_code)
    pool = _customer(4, "公海药店", "13600136004", None)
    moved = _customer(5, "转手药房", "13500135005", cast.rep_li.invite_code)
    orders = {
        "1": _order("1", li, "2026-02-01T10:00:00", "125.00"),
        "2": _order("2", zhang, "2026-02-02T10:00:00", "250.00"),
        "3": _order("3", liu, "2026-02-03T10:00:00", "375.00"),
        "4": _order("4", pool, "2026-02-04T10:00:00", "500.00"),
        "5A": _order("5A", moved, "2026-02-10T10:00:00", "625.00"),
    }
    # 转手药房 moved from 李明 to 刘洋 on 2026-03-01 (as a supervisor's reassignment leaves it).
    Ownership.objects.filter(customer=moved, ended_at__isnull=True).update(
        ended_at=at("2026-03-01T09:00:00"), ended_by=cast.manager, end_reason_code="territory_change"
    )
    Ownership.objects.create(
        customer=moved,
        owner=cast.rep_liu,
        started_at=at("2026-03-01T09:00:00"),
        source=OwnershipSource.ASSIGNMENT,
        reason_code="territory_change",
        actor=cast.manager,
    )
    set_owner(moved, cast.rep_liu)
    orders["5B"] = _order("5B", moved, "2026-04-10T10:00:00", "750.00")
    for customer in (li, zhang, liu, pool, moved):
        customer.refresh_from_db()
    return Book(li, zhang, liu, pool, moved, orders)
