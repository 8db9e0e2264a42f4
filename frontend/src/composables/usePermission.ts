import { useSessionStore } from '@/stores/session'

/** `can('org.manage_department')` for templates: shows or hides, the backend still decides. */
export function usePermission(): { can: (code: string) => boolean } {
  const session = useSessionStore()
  return { can: (code: string) => session.can(code) }
}
