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

/**
 * The URL keeps local days (`since=2026-03-01`); the API wants instants. A list with another
 * pair of keys (`created_since` / `created_until`) names them; half a range is dropped.
 */
export function withDayRange(query: Query, sinceKey = 'since', untilKey = 'until'): Query {
  const { [sinceKey]: since, [untilKey]: until, ...rest } = query
  if (typeof since !== 'string' || typeof until !== 'string' || !since || !until) return rest
  const bounds = dayRangeToIso(since, until)
  return { ...rest, [sinceKey]: bounds.since, [untilKey]: bounds.until }
}
