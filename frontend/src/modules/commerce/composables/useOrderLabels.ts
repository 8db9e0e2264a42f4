import { useI18n } from 'vue-i18n'

import { codeLabel } from '@/utils/labels'

/** Labels of order statuses, payment methods and timeline steps in the current language. */
export function useOrderLabels() {
  const { t, te } = useI18n()
  return {
    statusLabel: (status: string) => codeLabel('order.statuses', status, t, te),
    paymentMethodLabel: (method: string | undefined) =>
      codeLabel('order.paymentMethods', method, t, te),
    stepLabel: (step: string) => codeLabel('order.steps', step, t, te),
  }
}
