import { useI18n } from 'vue-i18n'

import { syncApi } from '@/api/sync'
import type { MallEvent } from '@/api/types'
import { useAction } from '@/composables/useAction'

import { useSyncLabels } from './useSyncLabels'

/** Says what became of an event after an action; still rejected or failed is a warning. */
export function useEventResult() {
  const { t } = useI18n()
  const { eventStatusLabel } = useSyncLabels()
  return (key: 'sync.replayed' | 'sync.corrected', event: MallEvent): void => {
    const text = t(key, { eventId: event.event_id, status: eventStatusLabel(event.status) })
    if (event.status === 'rejected' || event.status === 'failed') ElMessage.warning(text)
    else ElMessage.success(text)
  }
}

/** Replaying an event: a rejected one is validated anew, a parked or failed one re-applied. */
export function useEventActions(afterChange: () => void) {
  const { run } = useAction()
  const announce = useEventResult()

  async function replay(event: MallEvent): Promise<void> {
    const outcome = await run(() => syncApi.replayEvent(event.id))
    if (!outcome.ok) return
    announce('sync.replayed', outcome.result)
    afterChange()
  }

  return { replay }
}
