import type { NamedCode } from '@/api/types'

export interface PermissionGroup {
  group: string
  items: { code: string; label: string }[]
}

/** The label of a catalog entry in the chosen language (English falls back to Chinese). */
export function labelOf(entry: NamedCode, locale: string): string {
  return locale === 'en' && entry.name_en ? entry.name_en : entry.name
}

/** Permissions grouped for checkbox groups, in the catalog's order of first appearance. */
export function groupPermissions(
  permissions: readonly (NamedCode & { group: string })[],
  locale: string,
): PermissionGroup[] {
  const groups = new Map<string, PermissionGroup>()
  for (const permission of permissions) {
    let group = groups.get(permission.group)
    if (!group) {
      group = { group: permission.group, items: [] }
      groups.set(permission.group, group)
    }
    group.items.push({ code: permission.code, label: labelOf(permission, locale) })
  }
  return [...groups.values()]
}
