import { describe, expect, it } from 'vitest'

import { barAndLineChart, columnChart, ringChart, type Chart } from './chart'

const t = (key: string) => key

type Series = {
  type: string
  name: string
  data: unknown[]
  yAxisIndex?: number
  tooltip?: { valueFormatter: (value: unknown) => string }
}
const seriesOf = (chart: Chart) => chart.option.series as Series[]

describe('barAndLineChart', () => {
  const chart = barAndLineChart(
    ['2026-10', '2026-11'],
    { key: 'became_lost', label: '流失', kind: 'count', values: [3, 0] },
    { key: 'churn_rate', label: '流失率', kind: 'percent', values: ['0.0500', null] },
    t,
  )

  it('draws the bars on the left axis and the line on the right one, gaps left empty', () => {
    expect(chart.option.xAxis).toEqual({ type: 'category', data: ['2026-10', '2026-11'] })
    expect(seriesOf(chart).map((s) => [s.type, s.name, s.data, s.yAxisIndex])).toEqual([
      ['bar', '流失', [3, 0], undefined],
      ['line', '流失率', [0.05, null], 1],
    ])
    const [, right] = chart.option.yAxis as { axisLabel: { formatter: (v: number) => string } }[]
    expect(right?.axisLabel.formatter(0.05)).toBe('5.0%')
  })

  it('shows each value on hover and in the table as it reads', () => {
    const [bars, line] = seriesOf(chart)
    expect(bars?.tooltip?.valueFormatter(1200)).toBe('1,200')
    expect(line?.tooltip?.valueFormatter(0.125)).toBe('12.5%')
    expect(chart.table).toEqual({
      columns: [
        { key: 'bucket', label: 'statistics.bucket', kind: 'text' },
        { key: 'became_lost', label: '流失', kind: 'count' },
        { key: 'churn_rate', label: '流失率', kind: 'percent' },
      ],
      rows: [
        { bucket: '2026-10', became_lost: 3, churn_rate: '0.0500' },
        { bucket: '2026-11', became_lost: 0, churn_rate: null },
      ],
    })
  })

  it('labels a money axis with separators and no currency sign', () => {
    const money = barAndLineChart(
      ['2026-12-01'],
      { key: 'a', label: 'a', kind: 'money', values: ['1250.00'] },
      { key: 'b', label: 'b', kind: 'money', values: ['3000.00'] },
      t,
    )
    const [left] = money.option.yAxis as { axisLabel: { formatter: (v: number) => string } }[]
    expect(left?.axisLabel.formatter(12500)).toBe('12,500')
    expect(seriesOf(money)[1]?.tooltip?.valueFormatter(3000)).toBe('¥3,000.00')
  })
})

describe('ringChart and columnChart', () => {
  const slices = [
    { name: '单体药店', value: 3 },
    { name: '连锁药店', value: 0 },
  ]

  it('draws only the slices that have customers, and lists them all', () => {
    const ring = ringChart(slices, { label: '药店类型', value: '客户数' })
    const [pie] = ring.option.series as { type: string; data: unknown[] }[]
    expect(pie?.type).toBe('pie')
    expect(pie?.data).toEqual([{ name: '单体药店', value: 3 }])
    expect(ring.table.rows).toEqual([
      { name: '单体药店', value: 3 },
      { name: '连锁药店', value: 0 },
    ])
    const tooltip = ring.option.tooltip as { valueFormatter: (value: unknown) => string }
    expect(tooltip.valueFormatter(1200)).toBe('1,200')
  })

  it('draws counts as upright bars with every name on the axis', () => {
    const columns = columnChart(slices, { label: '药店类型', value: '客户数' })
    expect(columns.option.xAxis).toEqual({
      type: 'category',
      data: ['单体药店', '连锁药店'],
      axisLabel: { interval: 0 },
    })
    expect(seriesOf(columns)[0]?.data).toEqual([3, 0])
    expect(columns.table.columns.map((column) => column.kind)).toEqual(['text', 'count'])
  })
})
