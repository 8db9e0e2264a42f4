import { useSessionStore } from '@/stores/session'

/**
 * `can('org.manage_department')` and `canField('data.export')` for templates: they show or
 * hide, the backend still decides.
 */
export function usePermission(): {
  can: (code: string) => boolean
  canField: (code: string) => boolean
} {
  const session = useSessionStore()
  return {
    can: (code: string) => session.can(code),
    canField: (code: string) => session.canField(code),
  }
}
