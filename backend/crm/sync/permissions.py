from crm.audit.actions import AuditAction, register_actions
from crm.core.permissions import PermissionCode, register_permissions

VIEW_SYNC = "sync.view_sync"
MANAGE_SYNC = "sync.manage_sync"

register_permissions(
    PermissionCode(VIEW_SYNC, "查看数据同步日志", "View sync log", "系统 System"),
    PermissionCode(
        MANAGE_SYNC, "处理同步异常（修正、重放、对账）", "Repair sync (correct, replay, pull)", "系统 System"
    ),
)
register_actions(
    AuditAction("mall_event_corrected", "修正同步事件", "Mall event corrected"),
    AuditAction("mall_event_replayed", "重放同步事件", "Mall event replayed"),
    AuditAction("mall_pull_started", "发起商城对账", "Mall pull started"),
)
