import type { LocationQuery, LocationQueryRaw } from 'vue-router'

import type { Query } from '@/api/types'

export const DEFAULT_PAGE_SIZE = 20

export interface ListState<F extends Record<string, string>> {
  page: number
  pageSize: number
  ordering: string
  filters: F
}

function first(value: LocationQuery[string] | undefined): string | undefined {
  const item = Array.isArray(value) ? value[0] : value
  return item === null || item === undefined ? undefined : item
}

function positiveInt(value: string | undefined, fallback: number): number {
  const number = Number(value)
  return Number.isInteger(number) && number > 0 ? number : fallback
}

/** Reads a list's page, ordering and filters from the URL; unknown keys are ignored. */
export function parseListQuery<F extends Record<string, string>>(
  query: LocationQuery,
  defaults: ListState<F>,
): ListState<F> {
  const filters = { ...defaults.filters }
  for (const key of Object.keys(filters) as (keyof F & string)[]) {
    const value = first(query[key])
    if (value !== undefined) filters[key] = value as F[typeof key]
  }
  return {
    page: positiveInt(first(query.page), defaults.page),
    pageSize: positiveInt(first(query.page_size), defaults.pageSize),
    ordering: first(query.ordering) ?? defaults.ordering,
    filters,
  }
}

/** The URL query for a list state, leaving out every value that equals its default. */
export function toRouteQuery<F extends Record<string, string>>(
  state: ListState<F>,
  defaults: ListState<F>,
): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  for (const [key, value] of Object.entries(state.filters)) {
    if (value !== '' && value !== defaults.filters[key]) query[key] = value
  }
  if (state.ordering !== defaults.ordering) query.ordering = state.ordering
  if (state.page !== defaults.page) query.page = String(state.page)
  if (state.pageSize !== defaults.pageSize) query.page_size = String(state.pageSize)
  return query
}

/** The API query for a list state: `page`, `page_size`, `ordering` and non-empty filters. */
export function toApiQuery<F extends Record<string, string>>(state: ListState<F>): Query {
  const query: Query = { page: state.page, page_size: state.pageSize }
  if (state.ordering) query.ordering = state.ordering
  for (const [key, value] of Object.entries(state.filters)) {
    if (value !== '') query[key] = value
  }
  return query
}

export type SortOrder = 'ascending' | 'descending' | null

/** el-table's sort event as the API's `ordering`: `name`, `-name`, or '' for none. */
export function orderingFromSort(prop: string | null | undefined, order: SortOrder): string {
  if (!prop || !order) return ''
  return order === 'descending' ? `-${prop}` : prop
}

/** The API's `ordering` as el-table's `default-sort`. */
export function sortFromOrdering(
  ordering: string,
): { prop: string; order: 'ascending' | 'descending' } | undefined {
  if (!ordering) return undefined
  return ordering.startsWith('-')
    ? { prop: ordering.slice(1), order: 'descending' }
    : { prop: ordering, order: 'ascending' }
}

/** Whether any filter differs from its default, so an empty list can say "nothing matches". */
export function hasActiveFilters<F extends Record<string, string>>(
  filters: F,
  defaults: F,
): boolean {
  return Object.keys(defaults).some((key) => filters[key] !== defaults[key])
}
