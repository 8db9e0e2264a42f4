import { useI18n } from 'vue-i18n'

import { orgApi } from '@/api/org'
import type { Department } from '@/api/types'
import { useAction } from '@/composables/useAction'

/** Disable, enable and delete, each confirmed where it matters and each saying what happened. */
export function useDepartmentActions(afterChange: () => void) {
  const { t } = useI18n()
  const { run, confirm } = useAction()

  async function toggle(department: Department): Promise<void> {
    const name = department.name
    if (department.status === 'active') {
      if (!(await confirm(t('department.confirmDisable', { name })))) return
      const outcome = await run(
        () => orgApi.disableDepartment(department.id),
        t('department.disabledMessage', { name }),
      )
      if (outcome.ok) afterChange()
      return
    }
    const outcome = await run(
      () => orgApi.enableDepartment(department.id),
      t('department.enabledMessage', { name }),
    )
    if (outcome.ok) afterChange()
  }

  async function remove(department: Department): Promise<void> {
    const name = department.name
    if (!(await confirm(t('department.confirmDelete', { name }), true))) return
    const outcome = await run(
      () => orgApi.deleteDepartment(department.id),
      t('department.deleted', { name }),
    )
    if (outcome.ok) afterChange()
  }

  return { toggle, remove }
}
