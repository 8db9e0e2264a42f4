"""The mall's customers: who registers, what they fill in, and how much they buy."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tools.mall_simulator import names
from tools.mall_simulator.events import format_time

# How much more a kind of customer buys than a single pharmacy.
SIZE_BY_PHARMACY_TYPE = {"single": 1.0, "chain": 2.5, "clinic": 0.7, "hospital": 2.0, "other": 0.6}
NEVER_BUYER_SHARE = 0.2
CHURNER_SHARE = 0.25


@dataclass(frozen=True)
class CustomerProfile:
    """How a customer behaves: its buying weight (0 for one that registers and never buys;
    Pareto-distributed, so a few big customers make most orders), its order size, and when
    it stops buying, if it churns."""

    customer_id: str
    pharmacy_type: str
    registered_at: datetime
    weight: float
    order_size: float
    active_until: datetime | None

    def buys_at(self, moment: datetime) -> bool:
        """Whether the customer still places orders at that moment."""
        return self.weight > 0 and (self.active_until is None or moment < self.active_until)


def customer_id(number: int) -> str:
    """The mall's customer id, `C000123`-style."""
    return f"C{number:06d}"


def customer_number(identifier: str) -> int:
    """The serial inside a customer id."""
    return int(identifier.removeprefix("C"))


def build_profile(*, seed: int, customer_id: str, pharmacy_type: str, registered_at: datetime) -> CustomerProfile:
    """A customer's behaviour, drawn from its own seeded stream so that it can be rebuilt
    from the customer's id alone (when the live mode resumes from its journal)."""
    rng = random.Random(f"{seed}:{customer_id}")
    size = SIZE_BY_PHARMACY_TYPE.get(pharmacy_type, 1.0)
    weight = 0.0 if rng.random() < NEVER_BUYER_SHARE else min(rng.paretovariate(1.1), 80.0) * size
    active_until = None
    if rng.random() < CHURNER_SHARE:
        active_until = registered_at + timedelta(days=rng.uniform(45, 400))
    order_size = size * (1 + weight) ** 0.25
    return CustomerProfile(customer_id, pharmacy_type, registered_at, weight, order_size, active_until)


def registration_data(
    rng: random.Random, *, identifier: str, registered_at: datetime, invite_code: str | None
) -> dict[str, Any]:
    """What a pharmacy fills in when it registers at the mall (`customer.registered` data)."""
    pharmacy_type = names.pick_pharmacy_type(rng)
    location = names.pick_location(rng)
    if rng.random() < 0.85:
        phone = names.mobile_number(rng)
    else:
        phone = names.landline_number(rng, area_code=location.area_code)
    data: dict[str, Any] = {
        "customer_id": identifier,
        "company_name": names.company_name(rng, pharmacy_type=pharmacy_type, location=location),
        "pharmacy_type": pharmacy_type,
        "contact_name": names.person_name(rng),
        "phone": phone,
    }
    if rng.random() < 0.4:
        data["email"] = names.email_address(rng)
    if rng.random() < 0.6:
        data["id_number"] = names.id_number(rng, division_code=location.division_code)
    if rng.random() < 0.9:
        data["business_license_no"] = names.business_licence_number(
            rng, division_code=location.division_code, pharmacy_type=pharmacy_type
        )
    data.update(
        province=location.province,
        city=location.city,
        district=location.district,
        address=location.address,
        registered_at=format_time(registered_at),
    )
    if invite_code is not None:
        data["invite_code"] = invite_code
    return data


def update_data(rng: random.Random, *, current: dict[str, Any]) -> dict[str, Any]:
    """A change a customer makes to its profile (`customer.updated`: the id and only the
    fields that changed): a new phone, contact, mailbox or address, or a shop that joined
    a chain."""
    change = rng.choices(["phone", "contact_name", "email", "address", "pharmacy_type"], weights=[4, 3, 2, 2, 1])[0]
    data: dict[str, Any] = {"customer_id": current["customer_id"]}
    if change == "phone":
        data["phone"] = names.mobile_number(rng)
    elif change == "contact_name":
        data["contact_name"] = names.person_name(rng)
    elif change == "email":
        data["email"] = names.email_address(rng)
    elif change == "pharmacy_type" and current.get("pharmacy_type") == "single":
        data["pharmacy_type"] = "chain"
    else:
        location = names.pick_location(rng)
        data.update(
            province=location.province, city=location.city, district=location.district, address=location.address
        )
    return data
