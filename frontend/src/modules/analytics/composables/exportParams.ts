import type { ExportStatus, Query } from '@/api/types'

/** What an export never takes from a list: its paging (the file holds every matching row). */
const PAGING = new Set(['page', 'page_size'])

type ParamValue = string | number | boolean | readonly (string | number)[]

/**
 * The export's `params`: the list's query as the API reads it (filters and ordering), without
 * page and page size, and without empty values, so the file holds exactly what the list shows.
 */
export function exportParams(query: Query | Record<string, unknown>): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {}
  for (const [key, value] of Object.entries(query)) {
    if (PAGING.has(key) || value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) {
      const items = value.filter(
        (item): item is string | number => typeof item === 'string' || typeof item === 'number',
      )
      if (items.length) params[key] = items
    } else if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    ) {
      params[key] = value
    }
  }
  return params
}

/** The export has ended, one way or the other: polling stops. */
export function exportEnded(status: ExportStatus | undefined): boolean {
  return status === 'succeeded' || status === 'failed'
}
