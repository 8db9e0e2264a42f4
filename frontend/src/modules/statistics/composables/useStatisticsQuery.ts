import { reactive, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'

import { useAction } from '@/composables/useAction'
import { businessToday } from '@/utils/format'
import { parseListQuery, toRouteQuery, type ListState } from '@/utils/listQuery'

export interface UseStatisticsQueryOptions<F extends Record<string, string>, T> {
  filters: F
  /** Loads the page's figures for the filters; `today` is the business day (Asia/Shanghai). */
  fetch: (filters: F, today: string) => Promise<T>
}

/**
 * A statistics page's filters live in the URL like a list's (shared links, reload), and
 * every change loads at once: there is no 搜索 button, a period picked is a question asked.
 * The URL leaves out what equals the default (本月).
 */
export function useStatisticsQuery<F extends Record<string, string>, T>(
  options: UseStatisticsQueryOptions<F, T>,
) {
  const route = useRoute()
  const router = useRouter()
  const { showError } = useAction()
  const routeName = route.name
  // The list helpers read and write the filters; statistics have no page or ordering.
  const defaults: ListState<F> = { page: 1, pageSize: 1, ordering: '', filters: options.filters }
  const parse = (): F => parseListQuery(route.query, defaults).filters

  const filters = reactive({ ...parse() }) as F
  const data = shallowRef<T | null>(null)
  const loading = ref(false)
  let latest = 0

  async function load(): Promise<void> {
    const ticket = ++latest
    loading.value = true
    try {
      const result = await options.fetch({ ...filters }, businessToday())
      if (ticket === latest) data.value = result
    } catch (error) {
      if (ticket === latest) await showError(error)
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  /** Writes the filters to the URL; the route watcher then loads. */
  function commit(): void {
    void router.replace({ query: toRouteQuery({ ...defaults, filters: { ...filters } }, defaults) })
  }

  /** Changes some filters and asks again. */
  function update(values: Partial<F>): void {
    Object.assign(filters, values)
    commit()
  }

  watch(
    () => route.query,
    () => {
      if (route.name !== routeName) return
      Object.assign(filters, parse())
      void load()
    },
    { immediate: true },
  )

  return { filters, data, loading, load, commit, update }
}
