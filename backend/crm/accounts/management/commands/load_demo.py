"""Load the demo organisation into an empty database and print one login per role."""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from crm.accounts.demo import DEMO_PASSWORD, build_demo_organisation
from crm.accounts.models import User


class Command(BaseCommand):
    help = "Load the demo organisation (康源医药) unless the database already has people."

    def handle(self, *args: Any, **options: Any) -> None:
        if not User.objects.exists():
            with transaction.atomic():
                # Members for three years, so the simulated mall's history is credited to groups.
                build_demo_organisation(joined_at=timezone.now() - timedelta(days=3 * 365))
            self.stdout.write(self.style.SUCCESS("Demo organisation loaded."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for user in User.objects.prefetch_related("roles").order_by("id"):
            roles = "、".join(role.name for role in user.roles.all())
            self.stdout.write(f"  {roles:<8} {user.username:<12} {user.display_name}")
