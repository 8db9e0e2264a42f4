import { useI18n } from 'vue-i18n'

import { ApiError } from '@/api/client'
import { errorText } from '@/utils/errors'

/**
 * Runs a change and says what happened: a success message naming the result, or the error.
 * A 409 (the thing is still in use) opens a dialog, so its reason can be read at leisure.
 */
export function useAction() {
  const { t, te } = useI18n()

  const describe = (error: unknown): string => errorText(error, t, te)

  async function showError(error: unknown): Promise<void> {
    if (error instanceof ApiError && error.status === 409) {
      await ElMessageBox.alert(describe(error), t('common.warning'), { type: 'warning' }).catch(
        () => undefined,
      )
      return
    }
    ElMessage.error(describe(error))
  }

  async function run<T>(
    action: () => Promise<T>,
    success?: string | ((result: T) => string),
  ): Promise<{ ok: true; result: T } | { ok: false; error: unknown }> {
    try {
      const result = await action()
      if (success) ElMessage.success(typeof success === 'string' ? success : success(result))
      return { ok: true, result }
    } catch (error) {
      await showError(error)
      return { ok: false, error }
    }
  }

  /** Resolves true when the person confirms, false when they cancel. */
  async function confirm(message: string, danger = false): Promise<boolean> {
    try {
      await ElMessageBox.confirm(message, t('common.warning'), {
        type: 'warning',
        confirmButtonText: t('common.confirm'),
        cancelButtonText: t('common.cancel'),
        confirmButtonClass: danger ? 'el-button--danger' : undefined,
      })
      return true
    } catch {
      return false
    }
  }

  return { run, confirm, describe, showError }
}
