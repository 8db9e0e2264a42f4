import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from crm.analytics.rollups import rebuild_rollups, refresh_changed_days


class Command(BaseCommand):
    help = (
        "Rebuild every statistics rollup from the raw orders and ownerships (after a bulk load, a restore, "
        "or to check them); with --changed, only re-aggregate the days marked changed, as the minutely task does."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--changed", action="store_true", help="only the days marked changed")

    def handle(self, *args: Any, **options: Any) -> None:
        with self._statements_shown(options["verbosity"] >= 2):
            started = time.monotonic()
            report = refresh_changed_days() if options["changed"] else rebuild_rollups()
        self.stdout.write(
            f"order days: {report.order_days}, development days: {report.development_days}, "
            f"stock days: {report.stock_days}, "
            f"in {time.monotonic() - started:.1f} s"
        )

    @contextmanager
    def _statements_shown(self, shown: bool) -> Iterator[None]:
        """Each statement and index of the rebuild printed with its time, while it runs."""
        if not shown:
            yield
            return
        statements = logging.getLogger("crm.analytics.rollup_sql")
        handler = logging.StreamHandler(self.stdout)
        handler.setFormatter(logging.Formatter("%(asctime)s %(threadName)s %(message)s"))
        level, propagate = statements.level, statements.propagate
        statements.setLevel(logging.DEBUG)
        statements.addHandler(handler)
        statements.propagate = False
        try:
            yield
        finally:
            statements.removeHandler(handler)
            statements.setLevel(level)
            statements.propagate = propagate
