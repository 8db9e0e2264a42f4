import { useI18n } from 'vue-i18n'

import { codeLabel } from '@/utils/labels'

/** Labels of churn case statuses and of the steps of a case, in the current language. */
export function useChurnLabels() {
  const { t, te } = useI18n()
  return {
    statusLabel: (status: string) => codeLabel('churn.statuses', status, t, te),
    stepLabel: (action: string) => codeLabel('churn.steps', action, t, te),
  }
}
