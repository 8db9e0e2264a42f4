import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

import { authApi } from '@/api/auth'
import { ApiError } from '@/api/client'
import type { Me } from '@/api/types'
import { hasPermission } from '@/utils/permissions'

/** Who is signed in, and what they may do. */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null)
  const loaded = ref(false)
  let loading: Promise<void> | null = null

  const permissions = computed<string[] | null>(() => me.value?.permissions ?? null)

  async function probe(): Promise<void> {
    try {
      me.value = await authApi.me()
    } catch (error) {
      me.value = null
      if (!(error instanceof ApiError)) throw error
    }
    loaded.value = true
  }

  /** Asks the server once per page load whether the cookie session is still valid. */
  function ensureLoaded(): Promise<void> {
    if (loaded.value) return Promise.resolve()
    loading ??= probe().finally(() => {
      loading = null
    })
    return loading
  }

  async function login(username: string, password: string): Promise<void> {
    me.value = await authApi.login(username, password)
    loaded.value = true
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } finally {
      me.value = null
    }
  }

  function forget(): void {
    me.value = null
  }

  function can(code: string): boolean {
    return hasPermission(me.value?.permissions ?? [], code)
  }

  /** A field permission (`customer.phone`, `data.export`). */
  function canField(code: string): boolean {
    return me.value?.field_permissions.includes(code) ?? false
  }

  return { me, loaded, permissions, ensureLoaded, login, logout, forget, can, canField }
})
