"""The mall connector's own records: the sync log (every delivery, pull and replay) and
the inbox of every event the mall sent, with its fate."""

from django.db import models


class SyncRunKind(models.TextChoices):
    WEBHOOK = "webhook", "实时推送"
    PULL = "pull", "定时对账"
    BACKFILL = "backfill", "全量导入"
    REPLAY = "replay", "重放"


class SyncRunOutcome(models.TextChoices):
    RUNNING = "running", "进行中"
    SUCCEEDED = "succeeded", "成功"
    PARTIAL = "partial", "部分拒绝"
    REFUSED = "refused", "拒收"
    FAILED = "failed", "失败"


class SyncRun(models.Model):
    """One entry of the sync log (数据同步日志): a webhook delivery, a pull or backfill
    run, or a replay, with when, from where, how many events by outcome, how long, and
    whether it succeeded. A refused delivery (bad signature, bad JSON) is logged too."""

    kind = models.CharField(max_length=16, choices=SyncRunKind.choices, db_index=True)
    started_at = models.DateTimeField(db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=SyncRunOutcome.choices, db_index=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    delivery_id = models.CharField(max_length=128, blank=True, db_index=True)
    source_address = models.GenericIPAddressField(null=True, blank=True)
    received_count = models.PositiveIntegerField(default=0)
    accepted_count = models.PositiveIntegerField(default=0)
    duplicate_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = "同步记录"

    def __str__(self) -> str:
        return f"{self.kind} {self.started_at:%Y-%m-%d %H:%M:%S} {self.outcome}"


class EventStatus(models.TextChoices):
    PENDING = "pending", "待应用"
    APPLIED = "applied", "已应用"
    PARKED = "parked", "等待关联数据"
    REJECTED = "rejected", "已拒绝"
    FAILED = "failed", "应用失败"


class MallEvent(models.Model):
    """One event from the mall (inbox row), stored before the mall gets its answer.
    `effective_at` is the event's own time (`changed_at`, `logged_in_at`, `as_of` or
    `occurred_at`): the applier goes in that order. A parked event names in `waits_for`
    the record it needs (`customer:C001`); a rejected one keeps its `errors` in the
    quarantine until corrected and replayed. Sensitive values in `payload` are encrypted;
    `payload_digest` is a keyed hash of the content, to tell a duplicate from a conflict."""

    event_id = models.CharField(max_length=128, db_index=True)
    type = models.CharField(max_length=64, db_index=True)
    occurred_at = models.DateTimeField(null=True, blank=True)
    effective_at = models.DateTimeField(null=True, blank=True)
    payload = models.JSONField()
    payload_digest = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=EventStatus.choices, db_index=True)
    waits_for = models.CharField(max_length=160, blank=True, db_index=True)
    errors = models.JSONField(default=dict, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    run = models.ForeignKey(SyncRun, on_delete=models.PROTECT, related_name="events")
    received_at = models.DateTimeField(db_index=True)
    status_changed_at = models.DateTimeField()
    applied_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)

    # The payload's sensitive values are encrypted tokens (crm.core.crypto).
    encrypted_json_fields = ("payload",)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = "商城事件"
        indexes = [
            models.Index(fields=["status", "effective_at", "id"]),
            models.Index(fields=["status", "waits_for"]),
        ]
        constraints = [
            # One accepted event per id; rejected copies (conflicts, invalid) may repeat it.
            models.UniqueConstraint(
                fields=["event_id"], condition=~models.Q(status="rejected"), name="mall_event_unique_accepted_id"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.type} {self.status}"
