from crm.audit.actions import AuditAction, register_actions
from crm.core.permissions import PermissionCode, register_permissions

register_actions(AuditAction("data_exported", "导出数据", "Data exported"))

VIEW_STATISTICS = "analytics.view_statistics"

register_permissions(
    PermissionCode(
        VIEW_STATISTICS, "查看统计（本人数据范围内）", "View statistics (within one's data scope)", "统计 Statistics"
    ),
)

MANAGE_REPORT = "analytics.manage_report"

register_permissions(
    PermissionCode(MANAGE_REPORT, "部门业绩分析报告", "Department performance reports", "统计 Statistics"),
)
register_actions(
    AuditAction("performance_report_saved", "保存业绩分析报告", "Performance report saved"),
    AuditAction("performance_report_deleted", "删除业绩分析报告", "Performance report deleted"),
)
