/** Display formats from PRODUCT.md: dates as 2026-03-01 14:05, money as ¥1,234.50. */

const pad = (value: number): string => String(value).padStart(2, '0')

function toDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

/** `2026-03-01 14:05` in the browser's time zone; an em dash for nothing. */
export function formatDateTime(value: string | Date | null | undefined): string {
  const date = toDate(value)
  if (!date) return '—'
  return `${formatDate(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** `2026-03-01` in the browser's time zone. */
export function formatDate(value: string | Date | null | undefined): string {
  const date = toDate(value)
  if (!date) return '—'
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

// The mall's business day: statistics' periods are days in China (METRICS.md), wherever the browser is.
const businessDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** Today as the business counts it, `2026-03-01` in Asia/Shanghai: the day the period presets
 * (本月, 近12个月…) count from, the same as the server's. */
export function businessToday(now: Date = new Date()): string {
  const parts = Object.fromEntries(
    businessDay.formatToParts(now).map((part) => [part.type, part.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day}`
}

/** Thousands separators, a fixed number of decimals: 1234567.5 → `1,234,567.50` with 2. */
export function formatNumber(value: number | string | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || value === '') return '—'
  const number = typeof value === 'number' ? value : Number(value)
  if (!Number.isFinite(number)) return '—'
  const [whole = '0', fraction] = Math.abs(number).toFixed(decimals).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const sign = number < 0 && Number(Math.abs(number).toFixed(decimals)) !== 0 ? '-' : ''
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`
}

/** `¥1,234.50`; money arrives from the API as a decimal string. */
export function formatMoney(value: number | string | null | undefined): string {
  const formatted = formatNumber(value, 2)
  if (formatted === '—') return formatted
  return formatted.startsWith('-') ? `-¥${formatted.slice(1)}` : `¥${formatted}`
}

/** A fraction as a percentage, `0.5000` → `50.0%`; rates arrive as decimal strings. */
export function formatPercent(value: number | string | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || value === '') return '—'
  const number = typeof value === 'number' ? value : Number(value)
  if (!Number.isFinite(number)) return '—'
  // toPrecision first: 0.0725 × 100 is 7.249999…, which would round down.
  return `${formatNumber(Number((number * 100).toPrecision(12)), decimals)}%`
}

/** A local date range from a date picker as ISO bounds for `since` / `until` filters. */
export function dayRangeToIso(start: string, end: string): { since: string; until: string } {
  const since = new Date(`${start}T00:00:00`)
  const until = new Date(`${end}T00:00:00`)
  until.setDate(until.getDate() + 1)
  return { since: since.toISOString(), until: until.toISOString() }
}
