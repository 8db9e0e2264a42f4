from crm.audit.actions import AuditAction, register_actions

register_actions(AuditAction("data_exported", "导出数据", "Data exported"))
