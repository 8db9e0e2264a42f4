"""Create the first admin of an empty installation (production starts with no demo)."""

import getpass
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from crm.accounts.services import create_first_admin
from crm.core.errors import DomainError


class Command(BaseCommand):
    help = "Create the company unit and its first admin. The password comes from CRM_ADMIN_PASSWORD or a prompt."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--username", default="admin")
        parser.add_argument("--display-name", default="系统管理员")
        parser.add_argument("--company", default="公司")

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("CRM_ADMIN_PASSWORD") or getpass.getpass("Password: ")
        try:
            user = create_first_admin(
                username=options["username"],
                display_name=options["display_name"],
                password=password,
                company_name=options["company"],
            )
        except DomainError as error:
            raise CommandError(f"{error.message} {error.fields or ''}".strip()) from error
        self.stdout.write(self.style.SUCCESS(f"Admin {user.username} created."))
