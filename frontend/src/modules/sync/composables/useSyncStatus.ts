import { onBeforeUnmount, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'

import { syncApi } from '@/api/sync'
import type { SyncRun, SyncStatus } from '@/api/types'
import { useAction } from '@/composables/useAction'
import { formatNumber } from '@/utils/format'

import { pullProgress } from './healthCards'
import { useSyncLabels } from './useSyncLabels'

const POLL_INTERVAL_MS = 3000
/** A backfill can take long; after this the page stops watching and points to the log. */
const POLL_LIMIT_MS = 5 * 60 * 1000

export type PullMessageType = 'info' | 'success' | 'warning' | 'error'

const FINISHED_TYPES: Record<SyncRun['outcome'], PullMessageType> = {
  running: 'info',
  succeeded: 'success',
  partial: 'warning',
  refused: 'error',
  failed: 'error',
}

/** The connector's status, and a pull started from the page followed until it ends. */
export function useSyncStatus(options: { onPullFinished?: () => void } = {}) {
  const { t } = useI18n()
  const { run, confirm, showError } = useAction()
  const { runKindLabel, runOutcomeLabel } = useSyncLabels()
  const status = shallowRef<SyncStatus | null>(null)
  const loading = ref(false)
  const pulling = ref(false)
  const pullMessage = ref<{ type: PullMessageType; text: string } | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let unmounted = false

  async function load(quiet = false): Promise<void> {
    loading.value = true
    try {
      status.value = await syncApi.status()
    } catch (error) {
      if (!quiet) await showError(error)
    } finally {
      loading.value = false
    }
  }

  function finish(lastRun: SyncRun): void {
    pulling.value = false
    const text = t('sync.pullFinished', {
      kind: runKindLabel(lastRun.kind),
      outcome: runOutcomeLabel(lastRun.outcome),
      received: formatNumber(lastRun.received_count ?? 0),
      accepted: formatNumber(lastRun.accepted_count ?? 0),
      rejected: formatNumber(lastRun.rejected_count ?? 0),
    })
    pullMessage.value = {
      type: FINISHED_TYPES[lastRun.outcome],
      text: lastRun.error ? `${text}（${lastRun.error}）` : text,
    }
    options.onPullFinished?.()
  }

  function poll(previousRunId: number | null, startedAt: number): void {
    timer = setTimeout(async () => {
      if (unmounted) return
      try {
        const current = await syncApi.status()
        status.value = current
        if (pullProgress(previousRunId, current) === 'finished' && current.last_pull) {
          finish(current.last_pull)
          return
        }
      } catch {
        // A failed poll is retried; the limit below still ends the wait.
      }
      if (Date.now() - startedAt > POLL_LIMIT_MS) {
        pulling.value = false
        pullMessage.value = { type: 'warning', text: t('sync.pullStillRunning') }
        return
      }
      poll(previousRunId, startedAt)
    }, POLL_INTERVAL_MS)
  }

  /** Starts a reconciliation, or a full import after a confirmation, and follows it. */
  async function pull(full: boolean): Promise<void> {
    if (full && !(await confirm(t('sync.confirmBackfill')))) return
    if (!status.value) await load(true)
    const previousRunId = status.value?.last_pull?.id ?? null
    const outcome = await run(() => syncApi.pull(full))
    if (!outcome.ok) return
    pulling.value = true
    pullMessage.value = {
      type: 'info',
      text: t(full ? 'sync.backfillRunning' : 'sync.pullRunning'),
    }
    poll(previousRunId, Date.now())
  }

  onBeforeUnmount(() => {
    unmounted = true
    clearTimeout(timer)
  })

  return { status, loading, pulling, pullMessage, load, pull }
}
