import { hasPermission, type PermissionRequirement } from '@/utils/permissions'

export type NavigationDecision =
  { kind: 'allow' } | { kind: 'login'; next: string } | { kind: 'home'; refused: boolean }

export interface NavigationTarget {
  name: string | null
  fullPath: string
  isPublic: boolean
  permission?: PermissionRequirement
}

/** Where a navigation ends, given who is signed in (null: nobody). */
export function decideNavigation(
  target: NavigationTarget,
  permissions: readonly string[] | null,
): NavigationDecision {
  if (target.isPublic) {
    return permissions !== null && target.name === 'login'
      ? { kind: 'home', refused: false }
      : { kind: 'allow' }
  }
  if (permissions === null) return { kind: 'login', next: target.fullPath }
  if (!hasPermission(permissions, target.permission)) return { kind: 'home', refused: true }
  return { kind: 'allow' }
}

/** Only same-site paths are followed after login, so `next` cannot send anyone elsewhere. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//')) return '/'
  if (next.startsWith('/login')) return '/'
  return next
}
