import { useI18n } from 'vue-i18n'

import { syncLabel, type LabelGroup } from './syncLabels'

/** Labels of statuses, outcomes and kinds in the current language. */
export function useSyncLabels() {
  const { t, te } = useI18n()
  const label = (group: LabelGroup, code: string): string => syncLabel(group, code, t, te)
  return {
    eventStatusLabel: (status: string) => label('eventStatuses', status),
    runOutcomeLabel: (outcome: string) => label('runOutcomes', outcome),
    runKindLabel: (kind: string) => label('runKinds', kind),
  }
}
