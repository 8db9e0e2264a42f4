import { useI18n } from 'vue-i18n'

import { codeLabel } from '@/utils/labels'

/** Labels of customer statuses and sources in the current language. */
export function useCustomerLabels() {
  const { t, te } = useI18n()
  return {
    statusLabel: (status: string) => codeLabel('customer.statuses', status, t, te),
    sourceLabel: (source: string | undefined) => codeLabel('customer.sources', source, t, te),
    /** The server's Chinese label is the fallback for a source this UI does not know. */
    ownershipSourceLabel: (source: string, serverLabel: string) => {
      const label = codeLabel('customer.ownershipSources', source, t, te)
      return label === source ? serverLabel || source : label
    },
  }
}
