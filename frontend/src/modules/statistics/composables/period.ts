import type { Grain } from '@/api/statistics'
import type { StatisticsPeriod } from '@/api/types'

/**
 * Periods as METRICS.md cuts them: whole days `[start, end)`, `end` the first day after the
 * period, weeks from Monday. Days are `YYYY-MM-DD` strings, as the URL and the API keep them;
 * the arithmetic runs on UTC dates so no time zone shifts a day.
 */

export const PERIOD_PRESETS = [
  'today',
  'this_week',
  'this_month',
  'last_month',
  'this_quarter',
  'this_year',
  'last_30_days',
  'last_12_months',
  'last_3_years',
  'custom',
] as const
export type PeriodPreset = (typeof PERIOD_PRESETS)[number]

export const GRAINS: readonly Grain[] = ['day', 'week', 'month', 'quarter', 'year']

/** The API refuses a day grain over three years (366-day years). */
const MAX_DAY_BUCKETS = 3 * 366

const pad = (value: number): string => String(value).padStart(2, '0')

function toDate(day: string): Date {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number)
  return new Date(Date.UTC(year, month - 1, date))
}

function toDay(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
}

/** A valid `YYYY-MM-DD`, as a person may have typed it into the URL. */
export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && toDay(toDate(value)) === value
}

export function addDays(day: string, days: number): string {
  const date = toDate(day)
  date.setUTCDate(date.getUTCDate() + days)
  return toDay(date)
}

/** The first of the month `months` after the month of `day` (negative: before). */
function monthStart(day: string, months = 0): string {
  const date = toDate(day)
  return toDay(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1)))
}

export function daysBetween(start: string, end: string): number {
  return Math.round((toDate(end).getTime() - toDate(start).getTime()) / 86_400_000)
}

/**
 * 近12个月 and 近3年: up to `end` (the day after today) from the same date `years` earlier;
 * a 29 February that year lacks starts on 1 March. The API keeps customer value for exactly
 * these days (decision 0009), so the rule is the server's.
 */
function yearsBack(end: string, years: number): StatisticsPeriod {
  const date = toDate(end)
  const start = new Date(
    Date.UTC(date.getUTCFullYear() - years, date.getUTCMonth(), date.getUTCDate()),
  )
  return { start: toDay(start), end }
}

/** The days a shortcut means on `today`; 自定义 has none of its own. */
export function presetPeriod(
  preset: Exclude<PeriodPreset, 'custom'>,
  today: string,
): StatisticsPeriod {
  const date = toDate(today)
  switch (preset) {
    case 'today':
      return { start: today, end: addDays(today, 1) }
    case 'this_week': {
      const monday = addDays(today, -((date.getUTCDay() + 6) % 7))
      return { start: monday, end: addDays(monday, 7) }
    }
    case 'this_month':
      return { start: monthStart(today), end: monthStart(today, 1) }
    case 'last_month':
      return { start: monthStart(today, -1), end: monthStart(today) }
    case 'this_quarter': {
      const start = monthStart(today, -(date.getUTCMonth() % 3))
      return { start, end: monthStart(start, 3) }
    }
    case 'this_year': {
      const start = `${date.getUTCFullYear()}-01-01`
      return { start, end: `${date.getUTCFullYear() + 1}-01-01` }
    }
    case 'last_30_days':
      return { start: addDays(today, -29), end: addDays(today, 1) }
    case 'last_12_months':
      return yearsBack(addDays(today, 1), 1)
    case 'last_3_years':
      return yearsBack(addDays(today, 1), 3)
  }
}

export function isPreset(value: string): value is PeriodPreset {
  return (PERIOD_PRESETS as readonly string[]).includes(value)
}

/**
 * The period the filters mean: a shortcut's days, or the custom days when they make a period;
 * anything else falls back to 本月, as the API does.
 */
export function resolvePeriod(
  filters: { period: string; start: string; end: string },
  today: string,
): StatisticsPeriod {
  const { period, start, end } = filters
  if (period === 'custom' && isDay(start) && isDay(end) && start < end) return { start, end }
  if (isPreset(period) && period !== 'custom') return presetPeriod(period, today)
  return presetPeriod('this_month', today)
}

/** A grain that gives a readable chart: days up to two months, weeks up to half a year, months beyond. */
export function suggestedGrain(period: StatisticsPeriod): Grain {
  const days = daysBetween(period.start, period.end)
  if (days <= 62) return 'day'
  if (days <= 186) return 'week'
  return 'month'
}

/** The grain to ask for: the chosen one, unless the API would refuse it (days over three years). */
export function usableGrain(grain: string, period: StatisticsPeriod): Grain {
  const known = (GRAINS as readonly string[]).includes(grain) ? (grain as Grain) : 'day'
  if (known === 'day' && daysBetween(period.start, period.end) > MAX_DAY_BUCKETS) return 'month'
  return known
}

/** A trend over the period: by month, unless the period lies in one month (then by day). */
export function trendGrain(period: StatisticsPeriod): Grain {
  return monthStart(period.start) === monthStart(addDays(period.end, -1)) ? 'day' : 'month'
}

/** The date-range picker shows the last day itself; the period keeps the day after it. */
export function toPickerRange(period: StatisticsPeriod): [string, string] {
  return [period.start, addDays(period.end, -1)]
}

export function fromPickerRange(range: readonly [string, string]): StatisticsPeriod {
  return { start: range[0], end: addDays(range[1], 1) }
}

/** How a bucket of a series is named on an axis and in a table. */
export function bucketLabel(bucket: { start: string }, grain: Grain): string {
  const [year = '', month = ''] = bucket.start.split('-')
  if (grain === 'month') return `${year}-${month}`
  if (grain === 'quarter') return `${year} Q${Math.floor((Number(month) - 1) / 3) + 1}`
  if (grain === 'year') return year
  return bucket.start
}
