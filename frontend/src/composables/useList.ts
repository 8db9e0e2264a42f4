import { computed, reactive, ref, shallowRef, watch, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'

import type { Page, Query } from '@/api/types'
import {
  DEFAULT_PAGE_SIZE,
  hasActiveFilters,
  orderingFromSort,
  parseListQuery,
  sortFromOrdering,
  toApiQuery,
  toRouteQuery,
  type ListState,
  type SortOrder,
} from '@/utils/listQuery'

import { useAction } from './useAction'

export interface UseListOptions<T, F extends Record<string, string>> {
  fetch: (query: Query) => Promise<Page<T>>
  filters: F
  ordering?: string
  pageSize?: number
}

/** What a pager needs from a list. */
export interface ListPaging {
  total: Ref<number>
  /** The server stopped counting at `total`: more rows match. */
  totalCapped: Ref<boolean>
  page: Ref<number>
  pageSize: Ref<number>
  onPageChange: (value: number) => void
  onPageSizeChange: (value: number) => void
}

/**
 * A server-side list: filters, ordering and page live in the URL (so a list can be
 * shared and survives reload); the server sorts and pages; loading and error are tracked.
 */
export function useList<T, F extends Record<string, string>>(options: UseListOptions<T, F>) {
  const route = useRoute()
  const router = useRouter()
  const { showError } = useAction()

  const defaults: ListState<F> = {
    page: 1,
    pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    ordering: options.ordering ?? '',
    filters: { ...options.filters },
  }
  const initial = parseListQuery(route.query, defaults)
  const routeName = route.name

  const filters = reactive({ ...initial.filters }) as F
  const page = ref(initial.page)
  const pageSize = ref(initial.pageSize)
  const ordering = ref(initial.ordering)
  const rows = shallowRef<T[]>([])
  const total = ref(0)
  const totalCapped = ref(false)
  const loading = ref(false)
  const defaultSort = sortFromOrdering(initial.ordering)
  const hasFilters = computed(() => hasActiveFilters(filters, defaults.filters))
  let latest = 0

  const state = (): ListState<F> => ({
    page: page.value,
    pageSize: pageSize.value,
    ordering: ordering.value,
    filters: { ...filters },
  })

  async function load(): Promise<void> {
    const ticket = ++latest
    loading.value = true
    try {
      const data = await options.fetch(toApiQuery(state()))
      if (ticket !== latest) return
      rows.value = data.results
      total.value = data.count
      totalCapped.value = data.count_capped ?? false
    } catch (error) {
      if (ticket === latest) await showError(error)
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  /** Writes the state to the URL; the route watcher then loads. */
  function commit(): void {
    void router.replace({ query: toRouteQuery(state(), defaults) })
  }

  watch(
    () => route.query,
    (query) => {
      // Leaving the page also changes the query; that is not this list's business.
      if (route.name !== routeName) return
      const next = parseListQuery(query, defaults)
      Object.assign(filters, next.filters)
      page.value = next.page
      pageSize.value = next.pageSize
      ordering.value = next.ordering
      void load()
    },
    { immediate: true },
  )

  function search(): void {
    page.value = 1
    commit()
  }

  function reset(): void {
    Object.assign(filters, defaults.filters)
    ordering.value = defaults.ordering
    search()
  }

  function onSortChange(sort: { prop: string | null; order: SortOrder }): void {
    ordering.value = orderingFromSort(sort.prop, sort.order)
    search()
  }

  function onPageChange(value: number): void {
    page.value = value
    commit()
  }

  /** The list's query as the API gets it (filters, ordering, page), for an export of the same list. */
  function apiQuery(): Query {
    return toApiQuery(state())
  }

  function onPageSizeChange(value: number): void {
    pageSize.value = value
    page.value = 1
    commit()
  }

  return {
    filters,
    page,
    pageSize,
    ordering,
    rows,
    total,
    totalCapped,
    loading,
    defaultSort,
    hasFilters,
    load,
    search,
    reset,
    onSortChange,
    onPageChange,
    onPageSizeChange,
    apiQuery,
  }
}
