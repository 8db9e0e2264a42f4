from crm.audit.actions import AuditAction, register_actions
from crm.core.permissions import PermissionCode, register_permissions

MANAGE_DICTIONARY = "dictionary.manage_dictionary"
MANAGE_PARAMETER = "dictionary.manage_parameter"

register_permissions(
    PermissionCode(MANAGE_DICTIONARY, "维护数据字典", "Manage dictionary", "系统 System"),
    PermissionCode(MANAGE_PARAMETER, "修改系统参数", "Change parameters", "系统 System"),
)
register_actions(
    AuditAction("dictionary_entry_created", "新增字典项", "Dictionary entry created"),
    AuditAction("dictionary_entry_updated", "修改字典项", "Dictionary entry updated"),
    AuditAction("dictionary_entry_deleted", "删除字典项", "Dictionary entry deleted"),
    AuditAction("parameter_changed", "修改系统参数", "Parameter changed"),
)
