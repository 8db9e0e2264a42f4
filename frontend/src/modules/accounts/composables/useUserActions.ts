import { useI18n } from 'vue-i18n'

import { accountsApi } from '@/api/accounts'
import type { User } from '@/api/types'
import { useAction } from '@/composables/useAction'

/** Disable/enable and a new invite code, each saying what happened. */
export function useUserActions(afterChange: () => void) {
  const { t } = useI18n()
  const { run, confirm } = useAction()
  const nameOf = (user: User) => user.display_name || user.username

  async function toggle(user: User): Promise<void> {
    const name = nameOf(user)
    if (user.is_active && !(await confirm(t('user.confirmDisable', { name })))) return
    const outcome = user.is_active
      ? await run(() => accountsApi.disableUser(user.id), t('user.disabledMessage', { name }))
      : await run(() => accountsApi.enableUser(user.id), t('user.enabledMessage', { name }))
    if (outcome.ok) afterChange()
  }

  async function regenerateInviteCode(user: User): Promise<void> {
    const name = nameOf(user)
    if (!(await confirm(t('user.confirmRegenerate', { name })))) return
    const outcome = await run(
      () => accountsApi.regenerateInviteCode(user.id),
      (updated) => t('user.inviteCodeRegenerated', { name, code: updated.invite_code }),
    )
    if (outcome.ok) afterChange()
  }

  return { toggle, regenerateInviteCode }
}
