import { ref } from 'vue'

import { accountsApi } from '@/api/accounts'
import type { Role } from '@/api/types'

const roles = ref<Role[]>([])
let pending: Promise<void> | null = null

/** All roles, for pickers and filters; reload after the roles page changes them. */
export function useRoleOptions() {
  function reload(): Promise<void> {
    pending ??= accountsApi
      .listRoles({ page_size: 200 })
      .then((page) => {
        roles.value = page.results
      })
      .catch(() => undefined)
      .finally(() => {
        pending = null
      })
    return pending
  }
  if (!roles.value.length && !pending) void reload()
  return { roles, reload }
}
