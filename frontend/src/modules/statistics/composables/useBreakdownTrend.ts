import { ref, shallowRef } from 'vue'

import {
  statisticsApi,
  type BreakdownBy,
  type Grain,
  type PerformanceQuery,
} from '@/api/statistics'
import type { Breakdown } from '@/api/types'
import { useAction } from '@/composables/useAction'

import { topSubjects, type SubjectTrend } from './breakdownChart'
import { trendGrain } from './period'

/** The performance query narrowed to one subject of a breakdown. */
function narrowedTo(
  by: BreakdownBy,
  id: number,
): Pick<PerformanceQuery, 'rep' | 'group' | 'department'> {
  if (by === 'rep') return { rep: id }
  if (by === 'group') return { group: id }
  return { department: id }
}

/**
 * The trend of the breakdown's first subjects over its period: one /performance request per
 * subject, narrowed to it (at most five, so the chart stays readable and the server unhurried).
 */
export function useBreakdownTrend() {
  const { showError } = useAction()
  const trends = shallowRef<SubjectTrend[]>([])
  const grain = ref<Grain>('month')
  const loading = ref(false)
  let latest = 0

  async function load(breakdown: Breakdown, by: BreakdownBy): Promise<void> {
    const ticket = ++latest
    const subjects = topSubjects(breakdown.rows)
    const bucketGrain = trendGrain(breakdown.period)
    loading.value = true
    try {
      const answers = await Promise.all(
        subjects.map((subject) =>
          statisticsApi.performance({
            ...breakdown.period,
            grain: bucketGrain,
            ...narrowedTo(by, subject.id),
          }),
        ),
      )
      if (ticket !== latest) return
      grain.value = bucketGrain
      trends.value = subjects.map((subject, index) => ({
        id: subject.id,
        name: subject.name,
        series: answers[index]?.series ?? [],
      }))
    } catch (error) {
      if (ticket === latest) await showError(error)
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  return { trends, grain, loading, load }
}
