from crm.audit.actions import AuditAction, register_actions
from crm.core.permissions import PermissionCode, register_permissions

register_actions(AuditAction("data_exported", "导出数据", "Data exported"))

VIEW_STATISTICS = "analytics.view_statistics"

register_permissions(
    PermissionCode(
        VIEW_STATISTICS, "查看统计（本人数据范围内）", "View statistics (within one's data scope)", "统计 Statistics"
    ),
)
