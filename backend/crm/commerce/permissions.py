from crm.core.permissions import PermissionCode, register_permissions

VIEW_ORDER = "commerce.view_order"

register_permissions(PermissionCode(VIEW_ORDER, "查看订单", "View orders", "订单 Orders"))
