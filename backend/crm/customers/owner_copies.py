"""Rows that carry a copy of their customer's current owner, so that their data scope
(DESIGN.md rule 3: they are seen by whoever serves the customer now) is one indexed column
of their own rather than a semi-join to the customers. `set_owner` moves every copy with
the customer, in the same transaction. The apps holding such rows register them when they
load (customers may not import the apps after it); a copy is never history: it is the
owner now, and credit stays where it was (rule 4)."""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class OwnerCopy:
    """A model whose `owner_field` copies the current owner of its `customer`."""

    model: type[models.Model]
    owner_field: str


_COPIES: list[OwnerCopy] = []


def register_owner_copy(model: type[models.Model], *, owner_field: str) -> None:
    copy = OwnerCopy(model, owner_field)
    if copy not in _COPIES:  # an app's ready() may run more than once (tests)
        _COPIES.append(copy)


def move_owner_copies(customer_id: int, owner_id: int | None) -> None:
    """Every registered copy of this customer's owner now reads `owner_id`."""
    for copy in _COPIES:
        copy.model._default_manager.filter(customer_id=customer_id).update(**{f"{copy.owner_field}_id": owner_id})
