import type { Query } from '@/api/types'

import { dayRangeToIso } from './format'

/** A date-range picker's value: both days (YYYY-MM-DD) or nothing. */
export type DayRange = [string, string] | null

/** The URL keeps `since` / `until` separately; the picker wants them as one pair, or none. */
export function toDayRange(since: string, until: string): DayRange {
  return since && until ? [since, until] : null
}

/** A cleared picker empties both ends. */
export function fromDayRange(range: DayRange): { since: string; until: string } {
  return { since: range?.[0] ?? '', until: range?.[1] ?? '' }
}

/** The URL keeps local days (`since=2026-03-01`); the API wants instants. */
export function withDayRange(query: Query): Query {
  const { since, until, ...rest } = query
  const bounds =
    typeof since === 'string' && typeof until === 'string' ? dayRangeToIso(since, until) : {}
  return { ...rest, ...bounds }
}
