import { describe, expect, it } from 'vitest'

import type { SeriesPoint } from '@/api/types'

import type { Chart } from './chart'
import { orderStatusChart, performanceChart } from './performanceChart'
import { figures } from './testFigures'

const t = (key: string) => key

const point = (start: string, end: string, sales: string, orders: number): SeriesPoint => ({
  ...figures({ sales_amount: sales, order_count: orders }),
  start,
  end,
})

type Series = { type: string; name: string; data: unknown[]; yAxisIndex?: number }
const seriesOf = (chart: Chart) => chart.option.series as Series[]
const tooltipOf = (series: unknown) =>
  (series as { tooltip: { valueFormatter: (value: unknown) => string } }).tooltip.valueFormatter

describe('performanceChart', () => {
  const series = [
    point('2026-02-01', '2026-03-01', '375.00', 1),
    point('2026-03-01', '2026-04-01', '0.00', 0),
    point('2026-04-01', '2026-05-01', '1750.50', 3),
  ]

  it('draws sales as bars and orders as a line on its own axis, per bucket', () => {
    const chart = performanceChart(series, 'month', t)

    expect(chart.option.xAxis).toEqual({
      type: 'category',
      data: ['2026-02', '2026-03', '2026-04'],
    })
    expect(seriesOf(chart).map((s) => [s.type, s.name, s.data, s.yAxisIndex])).toEqual([
      ['bar', 'statistics.figures.sales_amount', [375, 0, 1750.5], undefined],
      ['line', 'statistics.figures.order_count', [1, 0, 3], 1],
    ])
  })

  it('shows money and counts on hover as the tables do', () => {
    const [bars, line] = seriesOf(performanceChart(series, 'month', t))

    expect(tooltipOf(bars)(1750.5)).toBe('¥1,750.50')
    expect(tooltipOf(line)(1234)).toBe('1,234')
  })

  it('gives the same numbers as a table', () => {
    expect(performanceChart(series, 'month', t).table).toEqual({
      columns: [
        { key: 'bucket', label: 'statistics.bucket', kind: 'text' },
        { key: 'sales_amount', label: 'statistics.figures.sales_amount', kind: 'money' },
        { key: 'order_count', label: 'statistics.figures.order_count', kind: 'count' },
      ],
      rows: [
        { bucket: '2026-02', sales_amount: '375.00', order_count: 1 },
        { bucket: '2026-03', sales_amount: '0.00', order_count: 0 },
        { bucket: '2026-04', sales_amount: '1750.50', order_count: 3 },
      ],
    })
  })

  it('draws an empty chart for an empty series', () => {
    const chart = performanceChart([], 'day', t)
    expect(seriesOf(chart).map((s) => s.data)).toEqual([[], []])
    expect(chart.table.rows).toEqual([])
  })
})

describe('orderStatusChart', () => {
  it('splits the orders by current status, with every status in the table', () => {
    const totals = figures({
      order_count: 6,
      pending_payment_count: 1,
      paid_count: 2,
      shipped_count: 0,
      completed_count: 2,
      cancelled_count: 1,
    })
    const chart = orderStatusChart(totals, t)
    const [ring] = chart.option.series as { data: { name: string; value: number }[] }[]

    expect(ring?.data).toEqual([
      { name: 'statistics.figures.pending_payment_count', value: 1 },
      { name: 'statistics.figures.paid_count', value: 2 },
      { name: 'statistics.figures.completed_count', value: 2 },
      { name: 'statistics.figures.cancelled_count', value: 1 },
    ])
    expect(chart.table.rows.map((row) => row.count)).toEqual([1, 2, 0, 2, 1])
    const tooltip = chart.option.tooltip as { valueFormatter: (value: unknown) => string }
    expect(tooltip.valueFormatter(1200)).toBe('1,200')
  })
})
