import { describe, expect, it } from 'vitest'

import type { ProductRow } from '@/api/types'

import {
  productListChart,
  productName,
  productTotalsCards,
  productTrendChart,
} from './productsChart'

const t = (key: string, named?: Record<string, string | number>) =>
  named ? `${key} ${JSON.stringify(named)}` : key

const row = (overrides: Partial<ProductRow>): ProductRow => ({
  id: 1,
  name: '阿莫西林胶囊',
  category_name: '抗生素',
  rank: 1,
  sales_amount: '1250.00',
  quantity: 100,
  average_stock: '40.50',
  inventory_turnover: '2.4691',
  ...overrides,
})

describe('productTotalsCards', () => {
  it('shows the period’s sales amount as money and its quantity as a count', () => {
    expect(productTotalsCards({ sales_amount: '12345.5', quantity: 2400 }, t)).toEqual([
      { key: 'sales_amount', label: 'statistics.figures.sales_amount', value: '¥12,345.50' },
      { key: 'quantity', label: 'statistics.figures.quantity', value: '2,400' },
    ])
  })
})

describe('productListChart', () => {
  const rows = [
    row({}),
    row({ id: 2, name: '布洛芬缓释胶囊', rank: 2, average_stock: null, inventory_turnover: null }),
  ]

  it('ranks the products by sales amount, the first on top', () => {
    const chart = productListChart(rows, 'product', t)
    expect(chart.option.yAxis).toMatchObject({ data: ['1. 阿莫西林胶囊', '2. 布洛芬缓释胶囊'] })
  })

  it('lists every column with the rows’ ids, stock unknown as none', () => {
    const { table } = productListChart(rows, 'product', t)
    expect(table.columns.map((column) => [column.key, column.kind])).toEqual([
      ['rank', 'text'],
      ['name', 'text'],
      ['category_name', 'text'],
      ['sales_amount', 'money'],
      ['quantity', 'count'],
      ['average_stock', 'decimal'],
      ['inventory_turnover', 'decimal'],
    ])
    expect(table.rows[1]).toEqual({
      id: 2,
      rank: 2,
      name: '布洛芬缓释胶囊',
      category_name: '抗生素',
      sales_amount: '1250.00',
      quantity: 100,
      average_stock: null,
      inventory_turnover: null,
    })
  })

  it('names categories as categories, without a category column', () => {
    const { table } = productListChart([row({ category_name: '' })], 'category', t)
    expect(table.columns.map((column) => column.key)).not.toContain('category_name')
    expect(table.columns[1]?.label).toBe('statistics.subjects.category')
  })
})

describe('productTrendChart', () => {
  it('draws the amount as bars and the quantity as a line per bucket', () => {
    const chart = productTrendChart(
      [
        { start: '2026-11-01', end: '2026-12-01', sales_amount: '250.00', quantity: 20 },
        { start: '2026-12-01', end: '2027-01-01', sales_amount: '1250.00', quantity: 100 },
      ],
      'month',
      t,
    )
    const series = chart.option.series as { type: string; data: unknown[] }[]
    expect(chart.option.xAxis).toMatchObject({ data: ['2026-11', '2026-12'] })
    expect(series.map((s) => [s.type, s.data])).toEqual([
      ['bar', [250, 1250]],
      ['line', [20, 100]],
    ])
    expect(chart.table.rows[1]).toEqual({
      bucket: '2026-12',
      sales_amount: '1250.00',
      quantity: 100,
    })
  })
})

describe('productName', () => {
  it('finds the product in either list, or names it by its id', () => {
    const lists = { best: [row({})], slowest: [row({ id: 9, name: '维生素C片' })] }
    expect(productName(lists, 9)).toBe('维生素C片')
    expect(productName(lists, 4)).toBe('#4')
    expect(productName(null, 4)).toBe('#4')
  })
})
