from crm.audit.actions import AuditAction, register_actions
from crm.core.permissions import PermissionCode, register_permissions

VIEW_DEPARTMENT = "org.view_department"
MANAGE_DEPARTMENT = "org.manage_department"

register_permissions(
    PermissionCode(VIEW_DEPARTMENT, "查看部门", "View departments", "组织 Organisation"),
    PermissionCode(MANAGE_DEPARTMENT, "管理部门", "Manage departments", "组织 Organisation"),
)
register_actions(
    AuditAction("department_created", "新建部门", "Department created"),
    AuditAction("department_updated", "修改部门", "Department updated"),
    AuditAction("department_disabled", "停用部门", "Department disabled"),
    AuditAction("department_enabled", "启用部门", "Department enabled"),
    AuditAction("department_deleted", "删除部门", "Department deleted"),
    AuditAction("membership_changed", "人员调动", "Membership changed"),
)
