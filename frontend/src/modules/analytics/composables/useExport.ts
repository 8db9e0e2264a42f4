import { ref } from 'vue'

import { analyticsApi } from '@/api/analytics'
import type { Export, ExportFormat, ExportKind } from '@/api/types'
import { useAction } from '@/composables/useAction'

import { exportParams } from './exportParams'

/**
 * Starts an export and opens its progress dialog: the menu of a list and the download
 * buttons of a report share it. `starting` names the format being asked for, for its button.
 */
export function useExport() {
  const { run } = useAction()
  const starting = ref<ExportFormat | null>(null)
  const started = ref<Export | null>(null)
  const dialogOpen = ref(false)

  async function start(
    kind: ExportKind,
    format: ExportFormat,
    query: Record<string, unknown>,
  ): Promise<void> {
    starting.value = format
    const outcome = await run(() =>
      analyticsApi.startExport({ kind, format, params: exportParams(query) }),
    )
    starting.value = null
    if (!outcome.ok) return
    started.value = outcome.result
    dialogOpen.value = true
  }

  return { starting, started, dialogOpen, start }
}
