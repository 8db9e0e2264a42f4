import type { RankingSubject } from '@/api/statistics'
import type { Figures } from '@/api/types'
import { formatMoney, formatNumber, formatPercent } from '@/utils/format'

/** Every figure the statistics show (METRICS.md), and how each reads. */
export type FigureName = keyof Figures | 'quantity' | 'purchase_count'
/** `decimal`: a measure with two places (平均库存, 库存周转率, a purchase cycle in days). */
export type FigureKind = 'money' | 'count' | 'percent' | 'decimal'

const FIGURE_KINDS: Record<FigureName, FigureKind> = {
  order_count: 'count',
  pending_payment_count: 'count',
  paid_count: 'count',
  shipped_count: 'count',
  completed_count: 'count',
  cancelled_count: 'count',
  sales_amount: 'money',
  sales_order_count: 'count',
  developed: 'count',
  converted: 'count',
  conversion_rate: 'percent',
  quantity: 'count',
  purchase_count: 'count',
}

export function figureKind(figure: FigureName): FigureKind {
  return FIGURE_KINDS[figure]
}

/** The figures each subject can be ranked by (the API's list). */
export const FIGURES_BY_SUBJECT: Record<RankingSubject, readonly FigureName[]> = {
  rep: [
    'sales_amount',
    'sales_order_count',
    'order_count',
    'developed',
    'converted',
    'conversion_rate',
  ],
  group: [
    'sales_amount',
    'sales_order_count',
    'order_count',
    'developed',
    'converted',
    'conversion_rate',
  ],
  department: [
    'sales_amount',
    'sales_order_count',
    'order_count',
    'developed',
    'converted',
    'conversion_rate',
  ],
  product: ['sales_amount', 'quantity'],
  category: ['sales_amount', 'quantity'],
  customer: ['sales_amount', 'purchase_count'],
}

/** A value as PRODUCT.md shows it: ¥1,234.50, 1,234, 50.0%, 12.50; "—" for none. */
export function formatValue(kind: FigureKind | 'text', value: unknown): string {
  if (kind === 'text') return value === null || value === undefined ? '—' : String(value)
  const number = typeof value === 'number' || typeof value === 'string' ? value : null
  if (kind === 'money') return formatMoney(number)
  if (kind === 'percent') return formatPercent(number)
  if (kind === 'decimal') return formatNumber(number, 2)
  return formatNumber(number)
}

export function formatFigure(figure: FigureName, value: unknown): string {
  return formatValue(figureKind(figure), value)
}

/** A figure against the previous period's; none when there was nothing before to compare with. */
export interface Change {
  direction: 'up' | 'down' | 'flat'
  /** How much higher or lower, as a fraction of the previous value (0.125 for 12.5 %). */
  ratio: number
}

export function change(
  current: string | number | null,
  previous: string | number | null,
): Change | null {
  if (current === null || previous === null) return null
  const now = Number(current)
  const before = Number(previous)
  if (!Number.isFinite(now) || !Number.isFinite(before) || before === 0) return null
  const ratio = (now - before) / Math.abs(before)
  return { direction: ratio > 0 ? 'up' : ratio < 0 ? 'down' : 'flat', ratio: Math.abs(ratio) }
}

/** `↑ 12.5%`, `↓ 3.0%`, `0.0%`, or `—` when there is nothing to compare with. */
export function formatChange(value: Change | null): string {
  if (!value) return '—'
  const arrow = value.direction === 'up' ? '↑ ' : value.direction === 'down' ? '↓ ' : ''
  return `${arrow}${formatPercent(value.ratio)}`
}

/** The headline cards of 销售员业绩, in reading order. */
export const HEADLINE_FIGURES = [
  'sales_amount',
  'order_count',
  'sales_order_count',
  'developed',
  'converted',
  'conversion_rate',
] as const satisfies readonly (keyof Figures)[]

export interface FigureCard {
  key: (typeof HEADLINE_FIGURES)[number]
  value: string
  previous: string
  change: Change | null
}

export function headlineCards(totals: Figures, previous: Figures): FigureCard[] {
  return HEADLINE_FIGURES.map((key) => ({
    key,
    value: formatFigure(key, totals[key]),
    previous: formatFigure(key, previous[key]),
    change: change(totals[key], previous[key]),
  }))
}

/** A headline figure without a previous period to compare with (产品销售, 客户价值, 客户流失). */
export interface ValueCard {
  key: string
  label: string
  value: string
  /** What the figure is as of, or counts: shown small under it. */
  note?: string
}

/** The columns of a table of all figures (业绩明细, 对比明细), money first. */
export const TABLE_FIGURES = [
  'sales_amount',
  'sales_order_count',
  'order_count',
  'pending_payment_count',
  'paid_count',
  'shipped_count',
  'completed_count',
  'cancelled_count',
  'developed',
  'converted',
  'conversion_rate',
] as const satisfies readonly (keyof Figures)[]

/** Sorts rows by a figure as numbers; an empty rate sorts below every rate. */
export function compareFigure(key: keyof Figures, a: Figures, b: Figures): number {
  const value = (figures: Figures) => {
    const raw = figures[key]
    return raw === null ? -Infinity : Number(raw)
  }
  return value(a) - value(b)
}
