import { describe, expect, it } from 'vitest'

import type { BreakdownRow, SeriesPoint } from '@/api/types'

import { breakdownChart, byRank, topSubjects, trendChart } from './breakdownChart'
import { figures } from './testFigures'

const t = (key: string) => key

const row = (id: number, name: string, rank: number, sales: string): BreakdownRow => ({
  ...figures({ sales_amount: sales, sales_order_count: rank }),
  id,
  name,
  rank,
})

const point = (start: string, sales: string): SeriesPoint => ({
  ...figures({ sales_amount: sales }),
  start,
  end: start,
})

describe('breakdownChart', () => {
  const rows = [
    row(4, '杭州组', 2, '1125.00'),
    row(3, '上海一组', 1, '1500.00'),
    row(9, '北京组', 3, '0.00'),
  ]

  it('puts the subjects side by side in rank order', () => {
    const chart = breakdownChart(rows, t)
    const [bars] = chart.option.series as { type: string; data: number[] }[]

    expect(chart.option.xAxis).toMatchObject({ data: ['上海一组', '杭州组', '北京组'] })
    expect(bars).toMatchObject({ type: 'bar', data: [1500, 1125, 0] })
    expect(chart.table.rows).toEqual([
      { rank: 1, name: '上海一组', sales_amount: '1500.00', sales_order_count: 1 },
      { rank: 2, name: '杭州组', sales_amount: '1125.00', sales_order_count: 2 },
      { rank: 3, name: '北京组', sales_amount: '0.00', sales_order_count: 3 },
    ])
  })

  it('orders shared ranks by name and draws the trend of the first five only', () => {
    const tied = [row(1, '乙', 1, '5'), row(2, '甲', 1, '5'), row(3, '丙', 3, '1')]
    expect(byRank(tied).map((r) => r.name)).toEqual(['甲', '乙', '丙'])
    const many = Array.from({ length: 7 }, (_, index) => row(index, `组${index}`, 7 - index, '1'))
    expect(topSubjects(many).map((r) => r.rank)).toEqual([1, 2, 3, 4, 5])
  })
})

describe('trendChart', () => {
  const trends = [
    {
      id: 3,
      name: '上海一组',
      series: [point('2026-02-01', '1000.00'), point('2026-03-01', '0.00')],
    },
    {
      id: 4,
      name: '杭州组',
      series: [point('2026-02-01', '375.00'), point('2026-03-01', '750.00')],
    },
  ]

  it('draws a line per subject over the same buckets', () => {
    const chart = trendChart(trends, 'month', t)

    expect(chart.option.xAxis).toMatchObject({ data: ['2026-02', '2026-03'] })
    expect(chart.option.series).toEqual([
      { type: 'line', name: '上海一组', data: [1000, 0] },
      { type: 'line', name: '杭州组', data: [375, 750] },
    ])
    const tooltip = chart.option.tooltip as { valueFormatter: (v: unknown) => string }
    expect(tooltip.valueFormatter(375)).toBe('¥375.00')
  })

  it('gives a table with a column per subject', () => {
    expect(trendChart(trends, 'month', t).table).toEqual({
      columns: [
        { key: 'bucket', label: 'statistics.bucket', kind: 'text' },
        { key: 'subject_3', label: '上海一组', kind: 'money' },
        { key: 'subject_4', label: '杭州组', kind: 'money' },
      ],
      rows: [
        { bucket: '2026-02', subject_3: '1000.00', subject_4: '375.00' },
        { bucket: '2026-03', subject_3: '0.00', subject_4: '750.00' },
      ],
    })
  })

  it('is empty without subjects', () => {
    expect(trendChart([], 'month', t).table.rows).toEqual([])
  })
})
