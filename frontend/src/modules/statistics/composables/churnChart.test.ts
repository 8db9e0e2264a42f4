import { describe, expect, it } from 'vitest'

import type { ChurnStatistics } from '@/api/types'

import { churnCards, churnChart, churnReasonsChart } from './churnChart'

const t = (key: string, named?: Record<string, string | number>) =>
  named ? `${key} ${Object.values(named).join(' ')}` : key

const churn = (overrides: Partial<ChurnStatistics> = {}): ChurnStatistics => ({
  period: { start: '2026-01-01', end: '2027-01-01' },
  window_days: 180,
  registered: 1200,
  lost: 60,
  churn_rate: '0.0500',
  became_lost: 25,
  series: [],
  reasons: [],
  ...overrides,
})

describe('churnCards', () => {
  it('gives N, and as of the period’s last day the registered, the lost and the rate', () => {
    expect(churnCards(churn(), t)).toEqual([
      {
        key: 'window_days',
        label: 'statistics.churn.windowDays',
        value: 'statistics.churn.days 180',
      },
      {
        key: 'registered',
        label: 'statistics.churn.registered',
        value: '1,200',
        note: 'statistics.churn.asOf 2026-12-31',
      },
      {
        key: 'lost',
        label: 'statistics.churn.lost',
        value: '60',
        note: 'statistics.churn.asOf 2026-12-31',
      },
      {
        key: 'churn_rate',
        label: 'statistics.churn.rate',
        value: '5.0%',
        note: 'statistics.churn.asOf 2026-12-31',
      },
      { key: 'became_lost', label: 'statistics.churn.becameLost', value: '25' },
    ])
  })

  it('shows no rate when nobody has registered', () => {
    const cards = churnCards(churn({ registered: 0, lost: 0, churn_rate: null }), t)
    expect(cards.find((card) => card.key === 'churn_rate')?.value).toBe('—')
  })
})

describe('churnChart', () => {
  it('draws the customers lost per bucket and the rate at its end on the right axis', () => {
    const chart = churnChart(
      [
        {
          start: '2026-10-01',
          end: '2026-11-01',
          became_lost: 2,
          registered: 100,
          lost: 4,
          churn_rate: '0.0400',
        },
        {
          start: '2026-11-01',
          end: '2026-12-01',
          became_lost: 1,
          registered: 100,
          lost: 5,
          churn_rate: '0.0500',
        },
      ],
      'month',
      t,
    )
    const series = chart.option.series as {
      type: string
      data: unknown[]
      yAxisIndex?: number
      tooltip: { valueFormatter: (value: unknown) => string }
    }[]
    expect(series.map((s) => [s.type, s.data, s.yAxisIndex])).toEqual([
      ['bar', [2, 1], undefined],
      ['line', [0.04, 0.05], 1],
    ])
    expect(series[1]?.tooltip.valueFormatter(0.05)).toBe('5.0%')
    expect(chart.table.rows[0]).toEqual({ bucket: '2026-10', became_lost: 2, churn_rate: '0.0400' })
  })
})

describe('churnReasonsChart', () => {
  it('names each reason as the dictionary words it, its code when it has no words', () => {
    const chart = churnReasonsChart(
      [
        { code: 'closed', name: '停业', cases: 2 },
        { code: 'moved_supplier', name: '', cases: 1 },
      ],
      t,
    )
    expect(chart.table.rows).toEqual([
      { name: '停业', value: 2 },
      { name: 'moved_supplier', value: 1 },
    ])
  })
})
