from typing import Any

from django.core.management.base import BaseCommand

from crm.customers.tasks import review_customers


class Command(BaseCommand):
    help = "Run the daily customer review now: the churn review and, if enabled, the return of idle customers."

    def handle(self, *args: Any, **options: Any) -> None:
        outcome = review_customers()
        self.stdout.write(
            f"returned to the pool: {outcome['returned_to_pool']}, churn cases opened: {outcome['opened']}, "
            f"recovered: {outcome['recovered']}, reopened: {outcome['reopened']}"
        )
