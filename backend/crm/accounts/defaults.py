"""The default roles of DESIGN.md, loaded by a data migration. Admins may edit them
afterwards; later apps add their own codes to these roles in their own migrations."""

from typing import Any

DEFAULT_ROLES: list[dict[str, object]] = [
    {
        "code": "admin",
        "name": "管理员",
        "description": "系统设置、用户、角色、部门、字典、同步、备份与恢复，全部数据",
        "data_scope": "all",
        "permissions": [
            "org.view_department",
            "org.manage_department",
            "accounts.view_user",
            "accounts.manage_user",
            "accounts.manage_role",
            "dictionary.manage_dictionary",
            "dictionary.manage_parameter",
            "audit.view_auditevent",
            "sync.view_sync",
            "sync.manage_sync",
            "customers.view_customer",
            "customers.assign_customer",
            "commerce.view_order",
            "analytics.view_statistics",
            "analytics.manage_report",
            "customers.follow_up_customer",
            "customers.manage_customer",
            "customers.confirm_churn",
        ],
        "field_permissions": [
            "customer.phone",
            "customer.email",
            "customer.id_number",
            "customer.business_license_no",
            "order.payment_details",
            "data.export",
        ],
    },
    {
        "code": "executive",
        "name": "高管",
        "description": "查看全部客户、订单与统计",
        "data_scope": "all",
        "permissions": [
            "org.view_department",
            "accounts.view_user",
            "customers.view_customer",
            "commerce.view_order",
            "analytics.view_statistics",
            "analytics.manage_report",
        ],
        "field_permissions": ["data.export"],
    },
    {
        "code": "department_manager",
        "name": "部门经理",
        "description": "管理本部门及下级的人员、客户与权限，查看部门统计与报告",
        "data_scope": "department_and_below",
        "permissions": [
            "org.view_department",
            "org.manage_department",
            "accounts.view_user",
            "accounts.manage_user",
            "customers.view_customer",
            "customers.assign_customer",
            "customers.claim_customer",
            "commerce.view_order",
            "analytics.view_statistics",
            "analytics.manage_report",
            "customers.follow_up_customer",
            "customers.manage_customer",
            "customers.confirm_churn",
        ],
        "field_permissions": ["customer.phone", "data.export"],
    },
    {
        "code": "supervisor",
        "name": "销售主管",
        "description": "调整组内客户归属，查看本组跟进、订单与业绩",
        "data_scope": "group",
        "permissions": [
            "org.view_department",
            "accounts.view_user",
            "customers.view_customer",
            "customers.assign_customer",
            "customers.claim_customer",
            "commerce.view_order",
            "analytics.view_statistics",
            "customers.follow_up_customer",
            "customers.manage_customer",
            "customers.confirm_churn",
        ],
        "field_permissions": ["customer.phone"],
    },
    {
        "code": "sales_rep",
        "name": "销售员",
        "description": "本人客户与订单、跟进记录、公海领取、本人业绩",
        "data_scope": "own",
        "permissions": [
            "customers.view_customer",
            "customers.claim_customer",
            "commerce.view_order",
            "analytics.view_statistics",
            "customers.follow_up_customer",
            "customers.manage_customer",
        ],
        "field_permissions": ["customer.phone"],
    },
    {
        "code": "after_sales",
        "name": "售后",
        "description": "服务单，客户与订单查询（敏感字段脱敏）",
        "data_scope": "all",
        "permissions": [
            "customers.view_customer",
            "commerce.view_order",
        ],
        "field_permissions": [],
    },
]


def create_missing_default_roles(role_model: Any) -> None:
    """Create the default roles that do not exist yet; never changes existing ones.
    Takes the model class so the data migration can pass its historical model."""
    for role in DEFAULT_ROLES:
        role_model.objects.get_or_create(code=role["code"], defaults={**role, "is_system": True})


def grant_default_codes(role_model: Any, grants: dict[str, list[str]]) -> None:
    """Add permission codes to existing default roles (by role code), for an app's data
    migration when it brings new codes; codes the roles hold already stay."""
    for role in role_model.objects.filter(code__in=grants):
        role.permissions = sorted(set(role.permissions) | set(grants[role.code]))
        role.save(update_fields=["permissions"])
