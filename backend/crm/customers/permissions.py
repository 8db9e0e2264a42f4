from crm.audit.actions import AuditAction, register_actions
from crm.core.permissions import PermissionCode, register_permissions

VIEW_CUSTOMER = "customers.view_customer"
ASSIGN_CUSTOMER = "customers.assign_customer"
CLAIM_CUSTOMER = "customers.claim_customer"

register_permissions(
    PermissionCode(VIEW_CUSTOMER, "查看客户", "View customers", "客户 Customers"),
    PermissionCode(ASSIGN_CUSTOMER, "分配 / 调整客户归属", "Assign and reassign customers", "客户 Customers"),
    PermissionCode(CLAIM_CUSTOMER, "公海领取与退回", "Claim from and release to the pool", "客户 Customers"),
)
register_actions(
    AuditAction("customer_reassigned", "调整客户归属", "Customer reassigned"),
    AuditAction("customer_claimed", "公海领取客户", "Customer claimed"),
    AuditAction("customer_released", "客户退回公海", "Customer released"),
    AuditAction("customer_field_revealed", "查看客户敏感字段", "Customer sensitive field revealed"),
)

FOLLOW_UP_CUSTOMER = "customers.follow_up_customer"
MANAGE_CUSTOMER = "customers.manage_customer"

register_permissions(
    PermissionCode(FOLLOW_UP_CUSTOMER, "记录跟进", "Log follow-ups", "客户 Customers"),
    PermissionCode(
        MANAGE_CUSTOMER, "维护客户资料、联系人，录入与导入客户", "Edit, enter and import customers", "客户 Customers"
    ),
)
register_actions(
    AuditAction("customer_created", "录入客户", "Customer entered"),
    AuditAction("customer_updated", "修改客户资料", "Customer updated"),
    AuditAction("customers_imported", "导入客户", "Customers imported"),
    AuditAction("contact_phone_revealed", "查看联系人电话", "Contact phone revealed"),
)

CONFIRM_CHURN = "customers.confirm_churn"

register_permissions(PermissionCode(CONFIRM_CHURN, "确认客户流失", "Confirm customers lost", "客户 Customers"))
register_actions(
    AuditAction("churn_deferred", "暂缓流失", "Churn deferred"),
    AuditAction("churn_confirmed", "确认流失", "Churn confirmed"),
    AuditAction("customers_returned_to_pool", "客户自动退回公海", "Idle customers returned to the pool"),
)
