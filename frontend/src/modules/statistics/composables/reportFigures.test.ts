import { describe, expect, it } from 'vitest'

import {
  driverRows,
  formatRate,
  headlineRows,
  readReportFigures,
  reportBreakdownChart,
  reportGrain,
  signedCount,
  signedMoney,
  type ReportChange,
  type ReportFigures,
} from './reportFigures'

const t = (key: string, named?: Record<string, string | number>) =>
  named ? `${key} ${Object.values(named).join(' ')}` : key

const change = (current: string, previous: string, delta: string, rate: string | null) =>
  ({ current, previous, change: delta, rate }) satisfies ReportChange

const figures = (): ReportFigures => ({
  unit: { id: 2, name: '华东大区', kind: 'department' },
  period: { start: '2026-12-01', end: '2027-01-01' },
  previous_period: { start: '2026-11-01', end: '2026-12-01' },
  grain: 'day',
  headlines: {
    sales_amount: change('1875.00', '1500.00', '375.00', '0.2500'),
    sales_order_count: change('3', '4', '-1', '-0.2500'),
    order_count: change('3', '3', '0', '0.0000'),
    cancelled_count: change('2', '1', '1', '1.0000'),
    developed: change('2', '0', '2', null),
    converted: change('1', '0', '1', null),
  },
  conversion_rate: { current: '0.5000', previous: '0.2500' },
  series: [{ start: '2026-12-01', sales_amount: '1875.00', order_count: 3 }],
  breakdown_by: 'group',
  breakdown: [
    {
      name: '杭州组',
      rank: 2,
      sales_amount: '375.00',
      sales_order_count: 1,
      developed: 0,
      converted: 0,
    },
    {
      name: '上海一组',
      rank: 1,
      sales_amount: '1500.00',
      sales_order_count: 2,
      developed: 2,
      converted: 1,
    },
  ],
  drivers: {
    reps: [{ id: 5, name: '李明', ...change('1250.00', '0.00', '1250.00', null) }],
    products: [{ id: 1, name: '', ...change('500.00', '750.00', '-250.00', '-0.3333') }],
    customers: [],
  },
})

describe('readReportFigures', () => {
  it('takes figures of the composed shape and nothing else', () => {
    expect(readReportFigures(figures())).not.toBeNull()
    expect(readReportFigures(null)).toBeNull()
    expect(readReportFigures({})).toBeNull()
    expect(readReportFigures('figures')).toBeNull()
  })

  it('reads the grain, days when it is unknown', () => {
    expect(reportGrain({ grain: 'week' })).toBe('week')
    expect(reportGrain({ grain: 'fortnight' })).toBe('day')
  })
})

describe('signed figures', () => {
  it('puts a sign before a rise, and arrows before a rate as the other pages do', () => {
    expect(signedMoney('1250.00')).toBe('+¥1,250.00')
    expect(signedMoney('-250.00')).toBe('-¥250.00')
    expect(signedMoney('0.00')).toBe('¥0.00')
    expect(signedCount('12')).toBe('+12')
    expect(signedCount('-2')).toBe('-2')
    expect(formatRate('0.2500')).toBe('↑ 25.0%')
    expect(formatRate('-0.3333')).toBe('↓ 33.3%')
    expect(formatRate('0.0000')).toBe('0.0%')
    expect(formatRate(null)).toBe('—')
  })
})

describe('headlineRows', () => {
  const rows = headlineRows(figures(), t)

  it('gives each figure now, before, the change and its rate', () => {
    expect(rows.map((row) => [row.key, row.current, row.previous, row.change, row.rate])).toEqual([
      ['sales_amount', '¥1,875.00', '¥1,500.00', '+¥375.00', '↑ 25.0%'],
      ['sales_order_count', '3', '4', '-1', '↓ 25.0%'],
      ['order_count', '3', '3', '0', '0.0%'],
      ['cancelled_count', '2', '1', '+1', '↑ 100.0%'],
      ['developed', '2', '0', '+2', '—'],
      ['converted', '1', '0', '+1', '—'],
      ['conversion_rate', '50.0%', '25.0%', 'statistics.report.points +25.0', '—'],
    ])
  })

  it('shows good news green and bad news red: more cancelled orders are bad news', () => {
    expect(rows.map((row) => row.tone)).toEqual([
      'positive',
      'negative',
      null,
      'negative',
      'positive',
      'positive',
      'positive',
    ])
  })

  it('has no change of the conversion rate when a period had nobody developed', () => {
    const none = { ...figures(), conversion_rate: { current: '0.5000', previous: null } }
    const rate = headlineRows(none, t).at(-1)
    expect([rate?.previous, rate?.change, rate?.tone]).toEqual(['—', '—', null])
  })
})

describe('driverRows', () => {
  it('gives each subject’s amount now and its move, named by its id when it has no name', () => {
    const { reps, products } = figures().drivers
    expect(driverRows(reps)).toEqual([
      {
        id: 5,
        name: '李明',
        current: '¥1,250.00',
        change: '+¥1,250.00',
        rate: '—',
        tone: 'positive',
      },
    ])
    expect(driverRows(products)).toEqual([
      {
        id: 1,
        name: '#1',
        current: '¥500.00',
        change: '-¥250.00',
        rate: '↓ 33.3%',
        tone: 'negative',
      },
    ])
  })
})

describe('reportBreakdownChart', () => {
  it('puts the unit’s groups side by side in rank order, every figure in the table', () => {
    const chart = reportBreakdownChart(figures(), t)
    expect(chart.option.xAxis).toMatchObject({ data: ['上海一组', '杭州组'] })
    expect((chart.option.series as { data: unknown[] }[])[0]?.data).toEqual([1500, 375])
    expect(chart.table.columns.map((column) => column.key)).toEqual([
      'rank',
      'name',
      'sales_amount',
      'sales_order_count',
      'developed',
      'converted',
    ])
    expect(chart.table.columns[1]?.label).toBe('statistics.subjects.group')
    expect(chart.table.rows[0]).toMatchObject({
      rank: 1,
      name: '上海一组',
      sales_amount: '1500.00',
    })
  })
})
