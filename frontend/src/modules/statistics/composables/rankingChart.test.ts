import { describe, expect, it } from 'vitest'

import type { RankingRow } from '@/api/types'

import { rankingChart, rankingChartHeight } from './rankingChart'

const t = (key: string) => key
const rows: RankingRow[] = [
  { rank: 1, id: 7, name: '刘洋', value: '1125.00' },
  { rank: 2, id: 5, name: '李明', value: '750.00' },
  { rank: 2, id: 6, name: '张伟', value: '750.00' },
]

describe('rankingChart', () => {
  it('draws the rows as horizontal bars, the first rank on top, ties showing their shared rank', () => {
    const chart = rankingChart(rows, 'sales_amount', t)
    const [bars] = chart.option.series as { type: string; data: unknown[] }[]

    expect(chart.option.yAxis).toEqual({
      type: 'category',
      inverse: true,
      data: ['1. 刘洋', '2. 李明', '2. 张伟'],
    })
    expect(bars?.type).toBe('bar')
    expect(bars?.data).toEqual([1125, 750, 750])
  })

  it('shows the value on hover and in the table as its figure reads', () => {
    const money = rankingChart(rows, 'sales_amount', t)
    const [bars] = money.option.series as { tooltip: { valueFormatter: (v: unknown) => string } }[]
    expect(bars?.tooltip.valueFormatter(1125)).toBe('¥1,125.00')
    expect(money.table).toEqual({
      columns: [
        { key: 'rank', label: 'statistics.rank', kind: 'text' },
        { key: 'name', label: 'statistics.name', kind: 'text' },
        { key: 'value', label: 'statistics.figures.sales_amount', kind: 'money' },
      ],
      rows: [
        { rank: 1, name: '刘洋', value: '1125.00' },
        { rank: 2, name: '李明', value: '750.00' },
        { rank: 2, name: '张伟', value: '750.00' },
      ],
    })

    const rates = rankingChart(
      [
        { rank: 1, id: 5, name: '李明', value: '0.5000' },
        { rank: 2, id: 6, name: '张伟', value: null },
      ],
      'conversion_rate',
      t,
    )
    const [rateBars] = rates.option.series as {
      data: unknown[]
      tooltip: { valueFormatter: (v: unknown) => string }
    }[]
    expect(rateBars?.data).toEqual([0.5, null])
    expect(rateBars?.tooltip.valueFormatter(0.5)).toBe('50.0%')
    expect(rates.table.columns[2]?.kind).toBe('percent')
  })

  it('grows with the rows so names stay readable', () => {
    expect(rankingChartHeight(20)).toBe('620px')
    expect(rankingChartHeight(0)).toBe('144px')
  })
})
