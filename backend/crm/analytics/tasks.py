"""Exports are written by Huey workers, so a large one never holds a web request."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from crm.analytics.services import delete_expired_exports, write_export


@db_task()
def write_export_task(export_id: int) -> str:
    return write_export(export_id).status


@db_periodic_task(crontab(hour="18", minute="10"))
def delete_expired_exports_daily() -> int:
    return delete_expired_exports()
