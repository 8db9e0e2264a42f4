"""Print the invite codes of the active sales reps, comma-separated (the simulated mall's
pharmacies type these in at registration)."""

from typing import Any

from django.core.management.base import BaseCommand

from crm.accounts.models import User


class Command(BaseCommand):
    help = "Print the active sales reps' invite codes, comma-separated."

    def handle(self, *args: Any, **options: Any) -> None:
        reps = User.objects.filter(is_active=True, roles__code="sales_rep").order_by("id")
        self.stdout.write(",".join(reps.values_list("invite_code", flat=True)))
