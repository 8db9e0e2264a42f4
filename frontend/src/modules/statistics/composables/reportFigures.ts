import type { Grain } from '@/api/statistics'
import type { StatisticsPeriod } from '@/api/types'
import { formatMoney, formatNumber, formatPercent } from '@/utils/format'

import { amountAxisLabel, BASE_OPTION, formatterOf, type Chart, type Translate } from './chart'
import { formatChange, type Change } from './figures'
import { GRAINS } from './period'

/**
 * The figures a 业绩分析报告 keeps, composed by the server when it is saved
 * (crm/analytics/reports.py): the API schema leaves them untyped, so they are named here.
 * Amounts and rates are decimal strings; a rate is null when there was nothing before.
 */
export interface ReportChange {
  current: string
  previous: string
  change: string
  rate: string | null
}

export const REPORT_HEADLINES = [
  'sales_amount',
  'sales_order_count',
  'order_count',
  'cancelled_count',
  'developed',
  'converted',
] as const
export type ReportHeadline = (typeof REPORT_HEADLINES)[number]

export interface ReportDriver extends ReportChange {
  id: number
  name: string
}

export const DRIVER_GROUPS = ['reps', 'products', 'customers'] as const
export type DriverGroup = (typeof DRIVER_GROUPS)[number]

export interface ReportBreakdownRow {
  name: string
  rank: number
  sales_amount: string
  sales_order_count: number
  developed: number
  converted: number
}

export interface ReportFigures {
  unit: { id: number; name: string; kind: string }
  period: StatisticsPeriod
  previous_period: StatisticsPeriod
  grain: string
  headlines: Record<ReportHeadline, ReportChange>
  conversion_rate: { current: string | null; previous: string | null }
  series: { start: string; sales_amount: string; order_count: number }[]
  breakdown_by: 'group' | 'rep'
  breakdown: ReportBreakdownRow[]
  drivers: Record<DriverGroup, ReportDriver[]>
}

/** The report's figures when they have the shape above (an older report may have none). */
export function readReportFigures(value: unknown): ReportFigures | null {
  if (typeof value !== 'object' || value === null) return null
  const keys = ['period', 'headlines', 'series', 'breakdown', 'drivers']
  return keys.every((key) => key in value) ? (value as ReportFigures) : null
}

export function reportGrain(figures: Pick<ReportFigures, 'grain'>): Grain {
  return GRAINS.find((grain) => grain === figures.grain) ?? 'day'
}

/** Green for good news, red for bad: fewer cancelled orders is good news. */
export type Tone = 'positive' | 'negative' | null

function toneOf(change: number, goodWhenUp = true): Tone {
  if (change === 0 || !Number.isFinite(change)) return null
  return change > 0 === goodWhenUp ? 'positive' : 'negative'
}

const sign = (value: number) => (value > 0 ? '+' : '')

/** `+¥1,250.00`, `-¥250.00`, `¥0.00`. */
export function signedMoney(value: string | number): string {
  return `${sign(Number(value))}${formatMoney(value)}`
}

/** `+3`, `-2`, `0`. */
export function signedCount(value: string | number): string {
  return `${sign(Number(value))}${formatNumber(value)}`
}

/** A change rate as the other pages show it: `↑ 25.0%`, `↓ 50.0%`, `—` when none. */
export function formatRate(rate: string | null): string {
  if (rate === null) return '—'
  const ratio = Number(rate)
  if (!Number.isFinite(ratio)) return '—'
  const change: Change = {
    direction: ratio > 0 ? 'up' : ratio < 0 ? 'down' : 'flat',
    ratio: Math.abs(ratio),
  }
  return formatChange(change)
}

export interface HeadlineRow {
  key: ReportHeadline | 'conversion_rate'
  label: string
  current: string
  previous: string
  change: string
  rate: string
  tone: Tone
}

/** 本期 / 上期 / 变化 / 变化率 of each headline figure, then the conversion rate in points. */
export function headlineRows(figures: ReportFigures, t: Translate): HeadlineRow[] {
  const rows: HeadlineRow[] = REPORT_HEADLINES.map((key) => {
    const figure = figures.headlines[key]
    const money = key === 'sales_amount'
    const format = money ? formatMoney : formatNumber
    return {
      key,
      label: t(`statistics.figures.${key}`),
      current: format(figure.current),
      previous: format(figure.previous),
      change: money ? signedMoney(figure.change) : signedCount(figure.change),
      rate: formatRate(figure.rate),
      tone: toneOf(Number(figure.change), key !== 'cancelled_count'),
    }
  })
  const { current, previous } = figures.conversion_rate
  const points =
    current !== null && previous !== null
      ? Number(((Number(current) - Number(previous)) * 100).toPrecision(12))
      : null
  rows.push({
    key: 'conversion_rate',
    label: t('statistics.figures.conversion_rate'),
    current: formatPercent(current),
    previous: formatPercent(previous),
    change:
      points === null
        ? '—'
        : t('statistics.report.points', { value: `${sign(points)}${formatNumber(points, 1)}` }),
    rate: '—',
    tone: points === null ? null : toneOf(points),
  })
  return rows
}

export interface DriverRow {
  id: number
  name: string
  current: string
  change: string
  rate: string
  tone: Tone
}

/** 主要变化: the subjects whose sales moved most, with their amount now and the move. */
export function driverRows(drivers: readonly ReportDriver[]): DriverRow[] {
  return drivers.map((driver) => ({
    id: driver.id,
    name: driver.name || `#${driver.id}`,
    current: formatMoney(driver.current),
    change: signedMoney(driver.change),
    rate: formatRate(driver.rate),
    tone: toneOf(Number(driver.change)),
  }))
}

/** The unit's groups (or a group's reps) side by side: sales as bars, every figure in the table. */
export function reportBreakdownChart(
  figures: Pick<ReportFigures, 'breakdown' | 'breakdown_by'>,
  t: Translate,
): Chart {
  const rows = [...figures.breakdown].sort((a, b) => a.rank - b.rank)
  const sales = t('statistics.figures.sales_amount')
  return {
    option: {
      ...BASE_OPTION,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: rows.map((row) => row.name), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', axisLabel: amountAxisLabel },
      series: [
        {
          type: 'bar',
          name: sales,
          data: rows.map((row) => Number(row.sales_amount)),
          tooltip: { valueFormatter: formatterOf('money') },
        },
      ],
    },
    table: {
      columns: [
        { key: 'rank', label: t('statistics.rank'), kind: 'text' },
        { key: 'name', label: t(`statistics.subjects.${figures.breakdown_by}`), kind: 'text' },
        { key: 'sales_amount', label: sales, kind: 'money' },
        {
          key: 'sales_order_count',
          label: t('statistics.figures.sales_order_count'),
          kind: 'count',
        },
        { key: 'developed', label: t('statistics.figures.developed'), kind: 'count' },
        { key: 'converted', label: t('statistics.figures.converted'), kind: 'count' },
      ],
      rows: rows.map((row) => ({ ...row })),
    },
  }
}
