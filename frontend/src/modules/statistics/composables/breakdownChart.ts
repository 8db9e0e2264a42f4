import type { Grain } from '@/api/statistics'
import type { BreakdownRow, SeriesPoint } from '@/api/types'

import { amountAxisLabel, BASE_OPTION, formatterOf, type Chart, type Translate } from './chart'
import { bucketLabel } from './period'

/** The rows by rank (ties by name), as the table and the chart list them. */
export function byRank(rows: readonly BreakdownRow[]): BreakdownRow[] {
  return [...rows].sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, 'zh-CN'))
}

/** The subjects whose trend is drawn: the first few by rank (one request each). */
export function topSubjects(rows: readonly BreakdownRow[], count = 5): BreakdownRow[] {
  return byRank(rows).slice(0, count)
}

/** 销售额 of each subject side by side, in rank order. */
export function breakdownChart(rows: readonly BreakdownRow[], t: Translate): Chart {
  const ranked = byRank(rows)
  const sales = t('statistics.figures.sales_amount')
  const orders = t('statistics.figures.sales_order_count')
  return {
    option: {
      ...BASE_OPTION,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: ranked.map((row) => row.name), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', axisLabel: amountAxisLabel },
      series: [
        {
          type: 'bar',
          name: sales,
          data: ranked.map((row) => Number(row.sales_amount)),
          tooltip: { valueFormatter: formatterOf('money') },
        },
      ],
    },
    table: {
      columns: [
        { key: 'rank', label: t('statistics.rank'), kind: 'text' },
        { key: 'name', label: t('statistics.name'), kind: 'text' },
        { key: 'sales_amount', label: sales, kind: 'money' },
        { key: 'sales_order_count', label: orders, kind: 'count' },
      ],
      rows: ranked.map((row) => ({
        rank: row.rank,
        name: row.name,
        sales_amount: row.sales_amount,
        sales_order_count: row.sales_order_count,
      })),
    },
  }
}

/** One subject's series over the period, for the trend chart. */
export interface SubjectTrend {
  id: number
  name: string
  series: readonly SeriesPoint[]
}

/** 销售额 of each subject over the period, a line each (the buckets are the same for all). */
export function trendChart(trends: readonly SubjectTrend[], grain: Grain, t: Translate): Chart {
  const buckets = trends[0]?.series ?? []
  const labels = buckets.map((point) => bucketLabel(point, grain))
  const key = (trend: SubjectTrend) => `subject_${trend.id}`
  return {
    option: {
      ...BASE_OPTION,
      tooltip: { trigger: 'axis', valueFormatter: formatterOf('money') },
      xAxis: { type: 'category', data: labels, boundaryGap: false },
      yAxis: { type: 'value', axisLabel: amountAxisLabel },
      series: trends.map((trend) => ({
        type: 'line' as const,
        name: trend.name,
        data: trend.series.map((point) => Number(point.sales_amount)),
      })),
    },
    table: {
      columns: [
        { key: 'bucket', label: t('statistics.bucket'), kind: 'text' },
        ...trends.map((trend) => ({ key: key(trend), label: trend.name, kind: 'money' as const })),
      ],
      rows: labels.map((label, index) => ({
        bucket: label,
        ...Object.fromEntries(
          trends.map((trend) => [key(trend), trend.series[index]?.sales_amount ?? null]),
        ),
      })),
    },
  }
}
