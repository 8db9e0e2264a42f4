from crm.core.permissions import PermissionCode, register_permissions

VIEW_AUDIT_EVENT = "audit.view_auditevent"

register_permissions(
    PermissionCode(VIEW_AUDIT_EVENT, "查看操作日志", "View audit log", "系统 System"),
)
