"""The customers' daily work, on Huey: the churn review and the optional return of idle
customers to the pool, at 01:30 Asia/Shanghai (17:30 UTC), before anyone starts work."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from crm.customers.services.churn import review_churn
from crm.customers.services.ownership import return_idle_customers


def review_customers() -> dict[str, int]:
    """Both reviews, idle returns first (a customer returned to the pool still churns)."""
    returned = return_idle_customers()
    review = review_churn()
    return {"returned_to_pool": returned, **vars(review)}


@db_periodic_task(crontab(hour="17", minute="30"))
@lock_task("daily-customer-review")
def review_customers_daily() -> dict[str, int]:
    return review_customers()
