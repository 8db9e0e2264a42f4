"""Background work of the connector, on Huey: SQLite-backed in the embedded default (a
consumer started by `make run`), Redis-backed in production (consumers on any host)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from crm.sync.applier import apply_while_pending
from crm.sync.pull import mall_export_configured, pull_from_mall


@db_task()
def apply_mall_events() -> int:
    """Apply what the mall sent; enqueued after every delivery, correction and replay."""
    return apply_while_pending()


@db_periodic_task(crontab(minute="*"))
def apply_mall_events_every_minute() -> int:
    """A safety net for a consumer that stopped mid-way: pending events wait a minute at most."""
    return apply_while_pending()


@db_task()
@lock_task("pull-from-mall")
def pull_from_mall_task(full: bool = False) -> int:
    """A reconciliation (or, `full`, a backfill) run; returns the sync-log entry's id."""
    return pull_from_mall(full=full).id


@db_periodic_task(crontab(minute="*/15"))
@lock_task("pull-from-mall")
def pull_from_mall_every_quarter_hour() -> int | None:
    """The scheduled reconciliation: repairs whatever the webhooks lost."""
    if not mall_export_configured():
        return None
    return pull_from_mall().id
