"""Bulk-load a benchmark dataset (tools/datasets) into an empty database."""

import sys
from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


def _datasets() -> Any:
    # tools/ sits beside backend/, outside the Django project's import path.
    root = str(settings.REPOSITORY_DIR)
    if root not in sys.path:
        sys.path.insert(0, root)
    from tools.datasets import loader, sizes

    return loader, sizes


class Command(BaseCommand):
    help = (
        "Write a whole, consistent mall history (organisation, customers, ownership history, products, orders "
        "with items and status changes, stock) straight into an empty database by bulk loading: "
        "XS (tests), S (100k customers, 1M orders) or L (1M customers, 10M orders)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", required=True, choices=["XS", "S", "L"])
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument("--end", type=date.fromisoformat, default=date(2026, 11, 1), help="YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        loader, sizes = _datasets()
        spec = sizes.SIZES[options["size"]]
        if options["years"] < 1:
            raise CommandError("--years must be at least 1")

        def out(line: str) -> None:
            self.stdout.write(line)
            self.stdout.flush()

        try:
            report = loader.load_dataset(
                spec, seed=options["seed"], years=options["years"], end=options["end"], out=out
            )
        except loader.DatasetRefused as error:
            raise CommandError(str(error)) from error
        for line in loader.format_report(report):
            out(line)
        from crm.accounts.demo import DEMO_PASSWORD

        out(f"Logins (password for all: {DEMO_PASSWORD}):")
        shown: dict[str, int] = {}
        for role, username, unit in report.logins:
            shown[role] = shown.get(role, 0) + 1
            if shown[role] <= 3:
                out(f"  {role:<20} {username:<14} {unit}")
        for role, count in shown.items():
            if count > 3:
                out(f"  {role:<20} … {count} in all")
        self.stdout.write(self.style.SUCCESS(f"Dataset {spec.name} loaded in {report.seconds:.0f} s."))
