import { formatDate } from '@/utils/format'

/** The next-follow-up shortcuts of the follow-up form, in the order they are offered. */
export const QUICK_PICKS = ['tomorrow', '3days', 'week', 'none'] as const
export type QuickPick = (typeof QUICK_PICKS)[number]

const OFFSETS: Record<Exclude<QuickPick, 'none'>, number> = { tomorrow: 1, '3days': 3, week: 7 }

/** The local day `days` after `from`, as YYYY-MM-DD. */
export function addDays(from: Date, days: number): string {
  const day = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days)
  return formatDate(day)
}

/** 明天 / 3天后 / 下周 as a local day; 不设 as no date. */
export function quickPickDate(pick: QuickPick, today: Date = new Date()): string | null {
  return pick === 'none' ? null : addDays(today, OFFSETS[pick])
}

/** The shortcut a chosen date matches, so its button shows as chosen; null for another day. */
export function quickPickOf(day: string | null, today: Date = new Date()): QuickPick | null {
  return QUICK_PICKS.find((pick) => quickPickDate(pick, today) === day) ?? null
}

/** Whole days a follow-up date is past (0 for today, negative for a day still to come). */
export function daysOverdue(day: string | null | undefined, today: Date = new Date()): number {
  if (!day) return 0
  const [year, month, date] = day.split('-').map(Number)
  if (!year || !month || !date) return 0
  const due = Date.UTC(year, month - 1, date)
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())
  return Math.round((now - due) / 86_400_000)
}
