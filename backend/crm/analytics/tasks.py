"""Background work of the statistics and exports, on Huey: exports are written by workers,
so a large one never holds a web request; the rollups catch up with the orders every
minute, so a figure is at most about a minute behind the mall."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from crm.analytics.rollups import refresh_changed_days
from crm.analytics.services import delete_expired_exports, write_export


@db_task()
def write_export_task(export_id: int) -> str:
    return write_export(export_id).status


@db_periodic_task(crontab(hour="18", minute="10"))
def delete_expired_exports_daily() -> int:
    return delete_expired_exports()


@db_periodic_task(crontab(minute="*"))
@lock_task("refresh-statistics")
def refresh_statistics_every_minute() -> dict[str, int]:
    """Re-aggregate the days whose orders or customer development changed."""
    return vars(refresh_changed_days())
