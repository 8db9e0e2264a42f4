from crm.audit.actions import AuditAction, register_actions
from crm.core.permissions import (
    FieldPermission,
    PermissionCode,
    register_field_permissions,
    register_permissions,
)

VIEW_USER = "accounts.view_user"
MANAGE_USER = "accounts.manage_user"
MANAGE_ROLE = "accounts.manage_role"

register_permissions(
    PermissionCode(VIEW_USER, "查看人员", "View people", "组织 Organisation"),
    PermissionCode(MANAGE_USER, "管理人员", "Manage people", "组织 Organisation"),
    PermissionCode(MANAGE_ROLE, "管理角色与权限", "Manage roles and permissions", "组织 Organisation"),
)

# Sensitive fields (DESIGN.md rule 8) a role may see unmasked, and the right to export.
EXPORT_DATA = "data.export"
register_field_permissions(
    FieldPermission("customer.phone", "客户联系电话明文", "Customer phone, unmasked"),
    FieldPermission("customer.email", "客户电子邮箱明文", "Customer email, unmasked"),
    FieldPermission("customer.id_number", "客户身份证号明文", "Customer ID number, unmasked"),
    FieldPermission("customer.business_license_no", "营业执照号明文", "Business licence number, unmasked"),
    FieldPermission("order.payment_details", "订单付款信息明文", "Order payment details, unmasked"),
    FieldPermission(EXPORT_DATA, "导出数据", "Export data"),
)

register_actions(
    AuditAction("login", "登录", "Logged in"),
    AuditAction("login_failed", "登录失败", "Login failed"),
    AuditAction("login_locked", "登录锁定", "Login locked"),
    AuditAction("logout", "退出登录", "Logged out"),
    AuditAction("session_expired", "会话超时", "Session expired"),
    AuditAction("password_changed", "修改密码", "Password changed"),
    AuditAction("password_reset", "重置密码", "Password reset"),
    AuditAction("user_created", "新建用户", "User created"),
    AuditAction("user_updated", "修改用户", "User updated"),
    AuditAction("user_disabled", "停用用户", "User disabled"),
    AuditAction("user_enabled", "启用用户", "User enabled"),
    AuditAction("user_roles_changed", "调整用户角色", "User roles changed"),
    AuditAction("invite_code_regenerated", "重新生成邀请码", "Invite code regenerated"),
    AuditAction("role_created", "新建角色", "Role created"),
    AuditAction("role_updated", "修改角色权限", "Role updated"),
    AuditAction("role_deleted", "删除角色", "Role deleted"),
)
