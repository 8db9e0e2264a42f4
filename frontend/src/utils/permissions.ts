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
  viewCustomer: 'customers.view_customer',
  assignCustomer: 'customers.assign_customer',
  claimCustomer: 'customers.claim_customer',
  followUpCustomer: 'customers.follow_up_customer',
  manageCustomer: 'customers.manage_customer',
  confirmChurn: 'customers.confirm_churn',
  viewOrder: 'commerce.view_order',
  viewStatistics: 'analytics.view_statistics',
  manageReport: 'analytics.manage_report',
} as const

/** Field permissions (a role's `field_permissions`): what a role may see unmasked or take away. */
export const FIELD_PERMISSIONS = {
  customerPhone: 'customer.phone',
  exportData: 'data.export',
} as const

/** One code, or a list of which any one will do (the pool opens to claimers and assigners). */
export type PermissionRequirement = string | readonly string[]

/** A missing code means "everyone who is signed in"; a list means "any one of these". */
export function hasPermission(
  permissions: readonly string[],
  code: PermissionRequirement | undefined,
): boolean {
  if (code === undefined) return true
  if (typeof code === 'string') return permissions.includes(code)
  return code.some((one) => permissions.includes(one))
}
