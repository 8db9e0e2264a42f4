import type { Query } from '@/api/types'
import { dayRangeToIso } from '@/utils/format'

/** The URL keeps local days (`since=2026-03-01`); the API wants instants. */
export function withDayRange(query: Query): Query {
  const { since, until, ...rest } = query
  const bounds =
    typeof since === 'string' && typeof until === 'string' ? dayRangeToIso(since, until) : {}
  return { ...rest, ...bounds }
}
