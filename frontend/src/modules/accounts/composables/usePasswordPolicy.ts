import { ref } from 'vue'

import { authApi } from '@/api/auth'
import type { PasswordPolicy } from '@/api/types'

export interface PolicyHint {
  key: string
  params?: Record<string, number>
}

/** The rules of a password policy as i18n keys, in the order people read them. */
export function policyHints(policy: PasswordPolicy): PolicyHint[] {
  const hints: PolicyHint[] = [
    { key: 'auth.policyMinLength', params: { count: policy.min_length } },
  ]
  if (policy.require_letter) hints.push({ key: 'auth.policyLetter' })
  if (policy.require_digit) hints.push({ key: 'auth.policyDigit' })
  if (policy.require_special) hints.push({ key: 'auth.policySpecial' })
  return hints
}

const policy = ref<PasswordPolicy | null>(null)
let loading: Promise<void> | null = null

/** The server's password policy, fetched once per page load (it is public). */
export function usePasswordPolicy() {
  if (!policy.value && !loading) {
    loading = authApi
      .passwordPolicy()
      .then((value) => {
        policy.value = value
      })
      .catch(() => {
        // Without the hint the form still works; the server checks the policy anyway.
      })
      .finally(() => {
        loading = null
      })
  }
  return { policy }
}
