import { describe, expect, it } from 'vitest'

import type { CustomerValue, TopCustomer } from '@/api/types'

import {
  customerName,
  customerValueCards,
  frequencyChart,
  pharmacyTypeChart,
  provinceChart,
  spendChart,
  topCustomersChart,
} from './customerValueChart'

const t = (key: string, named?: Record<string, string | number>) =>
  named ? `${key} ${Object.values(named).join(' ')}` : key

const customer = (overrides: Partial<TopCustomer>): TopCustomer => ({
  rank: 1,
  id: 11,
  name: '仁心大药房',
  pharmacy_type: 'single',
  province: '上海市',
  owner_name: '李明',
  sales_amount: '1250.00',
  purchase_count: 2,
  purchase_cycle_days: '12.50',
  ...overrides,
})

const value = (overrides: Partial<CustomerValue> = {}): CustomerValue => ({
  period: { start: '2026-12-01', end: '2027-01-01' },
  customer_series: [],
  purchasing_customers: 3,
  sales_amount: '1875.00',
  purchase_count: 4,
  average_purchase_cycle_days: null,
  frequency: [],
  top: [],
  composition: { by_pharmacy_type: [], by_province: [] },
  ...overrides,
})

describe('customerValueCards', () => {
  it('gives customers, spend, purchases and the cycle, "—" without one', () => {
    expect(customerValueCards(value(), t).map((card) => [card.key, card.value])).toEqual([
      ['purchasing_customers', '3'],
      ['sales_amount', '¥1,875.00'],
      ['purchase_count', '4'],
      ['average_purchase_cycle_days', '—'],
    ])
    const cycle = customerValueCards(value({ average_purchase_cycle_days: '30.25' }), t)[3]
    expect(cycle?.value).toBe('30.25')
  })
})

describe('frequencyChart', () => {
  it('draws the customers per band of purchases, in the API’s order', () => {
    const chart = frequencyChart(
      [
        { band: '0', customers: 2 },
        { band: '1', customers: 1 },
        { band: '3-5', customers: 0 },
        { band: '11+', customers: 1 },
      ],
      t,
    )
    expect(chart.option.xAxis).toMatchObject({
      data: [
        'statistics.customers.band 0',
        'statistics.customers.band 1',
        'statistics.customers.band 3-5',
        'statistics.customers.band 11+',
      ],
    })
    expect((chart.option.series as { data: unknown[] }[])[0]?.data).toEqual([2, 1, 0, 1])
  })
})

describe('composition', () => {
  it('names pharmacy types by the dictionary', () => {
    const names: Record<string, string> = { single: '单体药店', chain: '连锁药店' }
    const chart = pharmacyTypeChart(
      [
        { key: 'single', customers: 4 },
        { key: 'chain', customers: 1 },
      ],
      (code) => names[code] ?? code,
      t,
    )
    expect(chart.table.rows).toEqual([
      { name: '单体药店', value: 4 },
      { name: '连锁药店', value: 1 },
    ])
  })

  it('draws the ten provinces with the most customers, the most first', () => {
    const rows = Array.from({ length: 12 }, (_, index) => ({
      key: `省${String(index).padStart(2, '0')}`,
      customers: index % 6,
    }))
    const chart = provinceChart(rows, t)
    expect(chart.table.rows).toHaveLength(10)
    expect(chart.table.rows.slice(0, 3)).toEqual([
      { name: '省05', value: 5 },
      { name: '省11', value: 5 },
      { name: '省04', value: 4 },
    ])
  })
})

describe('top customers and one customer’s spend', () => {
  it('ranks the top customers by spend', () => {
    const chart = topCustomersChart(
      [customer({}), customer({ id: 12, name: '康泰药店', rank: 2, sales_amount: '250.00' })],
      t,
    )
    expect(chart.option.yAxis).toMatchObject({ data: ['1. 仁心大药房', '2. 康泰药店'] })
    expect((chart.option.series as { data: unknown[] }[])[0]?.data).toEqual([1250, 250])
  })

  it('draws the spend per bucket and the cumulative spend as a line', () => {
    const chart = spendChart(
      [
        {
          start: '2026-12-01',
          end: '2026-12-02',
          sales_amount: '0.00',
          cumulative_spend: '500.00',
        },
        {
          start: '2026-12-02',
          end: '2026-12-03',
          sales_amount: '125.00',
          cumulative_spend: '625.00',
        },
      ],
      'day',
      t,
    )
    const series = chart.option.series as { type: string; data: unknown[] }[]
    expect(series.map((s) => [s.type, s.data])).toEqual([
      ['bar', [0, 125]],
      ['line', [500, 625]],
    ])
    expect(chart.table.columns.map((column) => column.kind)).toEqual(['text', 'money', 'money'])
  })

  it('names the customer from the top list, or by its id', () => {
    expect(customerName([customer({})], 11)).toBe('仁心大药房')
    expect(customerName([], 11)).toBe('#11')
  })
})
