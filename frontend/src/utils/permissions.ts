/** Permission codes the UI checks; they mirror the backend's codes and never replace its check. */
export const PERMISSIONS = {
  viewDepartment: 'org.view_department',
  manageDepartment: 'org.manage_department',
  viewUser: 'accounts.view_user',
  manageUser: 'accounts.manage_user',
  manageRole: 'accounts.manage_role',
  manageDictionary: 'dictionary.manage_dictionary',
  manageParameter: 'dictionary.manage_parameter',
  viewAuditEvent: 'audit.view_auditevent',
  viewSync: 'sync.view_sync',
  manageSync: 'sync.manage_sync',
} as const

/** A missing code means "everyone who is signed in". */
export function hasPermission(permissions: readonly string[], code: string | undefined): boolean {
  return code === undefined || permissions.includes(code)
}
