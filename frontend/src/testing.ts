import type { Me } from '@/api/types'
import { useSessionStore } from '@/stores/session'

/** For component tests (jsdom has no media queries): a phone's screen, or a wide one. */
export function onPhone(matches: boolean): void {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (media: string) => ({
      matches,
      media,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }),
  })
}

/** For component tests, with a Pinia active: a manager signed in, with what the test gives. */
export function signIn(me: Partial<Me> = {}): void {
  useSessionStore().me = {
    id: 1,
    username: 'manager',
    display_name: '王经理',
    email: '',
    department: null,
    roles: [],
    permissions: [],
    field_permissions: [],
    data_scope: 'department_and_below',
    invite_code: '',
    ...me,
  }
}
