import { describe, expect, it } from 'vitest'

import {
  BREAKDOWN_FILTERS,
  breakdownQuery,
  CHURN_FILTERS,
  churnQuery,
  CUSTOMER_VALUE_FILTERS,
  customerValueQuery,
  PERFORMANCE_FILTERS,
  performanceQuery,
  PRODUCT_FILTERS,
  productsBy,
  productsQuery,
  RANKING_FILTERS,
  rankingFigure,
  rankingQuery,
  withoutTrend,
} from './statisticsQuery'

const today = '2026-12-01'

describe('performanceQuery', () => {
  it('asks for this month by day when nothing is chosen', () => {
    expect(performanceQuery({ ...PERFORMANCE_FILTERS }, today)).toEqual({
      start: '2026-12-01',
      end: '2027-01-01',
      grain: 'day',
    })
  })

  it('passes the narrowing as ids and leaves out what is not a positive id', () => {
    expect(
      performanceQuery(
        { ...PERFORMANCE_FILTERS, period: 'this_year', grain: 'month', group: '3', rep: 'x' },
        today,
      ),
    ).toEqual({ start: '2026-01-01', end: '2027-01-01', grain: 'month', group: 3 })
    expect(performanceQuery({ ...PERFORMANCE_FILTERS, department: '7', rep: '0' }, today)).toEqual({
      start: '2026-12-01',
      end: '2027-01-01',
      grain: 'day',
      department: 7,
    })
  })
})

describe('breakdownQuery', () => {
  it('compares departments by default, and any subject the API knows', () => {
    expect(breakdownQuery({ ...BREAKDOWN_FILTERS }, today)).toEqual({
      start: '2026-12-01',
      end: '2027-01-01',
      grain: 'month',
      by: 'department',
    })
    expect(breakdownQuery({ ...BREAKDOWN_FILTERS, by: 'group' }, today).by).toBe('group')
    expect(breakdownQuery({ ...BREAKDOWN_FILTERS, by: 'product' }, today).by).toBe('department')
  })

  it('keeps a custom period of four years answerable (no day grain)', () => {
    const custom = {
      ...BREAKDOWN_FILTERS,
      period: 'custom',
      start: '2022-01-01',
      end: '2026-01-01',
    }
    expect(breakdownQuery(custom, today)).toMatchObject({ start: '2022-01-01', grain: 'month' })
  })
})

describe('rankingQuery', () => {
  it('ranks reps by sales amount, highest first, twenty rows', () => {
    expect(rankingQuery({ ...RANKING_FILTERS }, today)).toEqual({
      start: '2026-12-01',
      end: '2027-01-01',
      grain: 'month',
      subject: 'rep',
      figure: 'sales_amount',
      direction: 'desc',
      limit: 20,
    })
  })

  it('asks only for a figure the subject has', () => {
    expect(rankingFigure('product', 'developed')).toBe('sales_amount')
    expect(rankingFigure('product', 'quantity')).toBe('quantity')
    expect(rankingFigure('customer', 'purchase_count')).toBe('purchase_count')
    expect(rankingFigure('rep', 'conversion_rate')).toBe('conversion_rate')
    expect(
      rankingQuery({ ...RANKING_FILTERS, subject: 'customer', figure: 'quantity' }, today),
    ).toMatchObject({ subject: 'customer', figure: 'sales_amount' })
  })

  it('ranks lowest first only when asked, and an unknown subject as reps', () => {
    expect(rankingQuery({ ...RANKING_FILTERS, direction: 'asc' }, today).direction).toBe('asc')
    expect(rankingQuery({ ...RANKING_FILTERS, direction: 'up' }, today).direction).toBe('desc')
    expect(rankingQuery({ ...RANKING_FILTERS, subject: 'city' }, today).subject).toBe('rep')
  })
})

describe('productsQuery', () => {
  it('lists the products of this month by day, twenty each way', () => {
    expect(productsQuery({ ...PRODUCT_FILTERS }, today)).toEqual({
      start: '2026-12-01',
      end: '2027-01-01',
      grain: 'day',
      by: 'product',
      limit: 20,
    })
  })

  it('asks for the series of the product picked, or of the category when by category', () => {
    expect(productsQuery({ ...PRODUCT_FILTERS, product: '7', category: '3' }, today)).toMatchObject(
      { by: 'product', product: 7 },
    )
    const byCategory = productsQuery(
      { ...PRODUCT_FILTERS, by: 'category', product: '7', category: '3' },
      today,
    )
    expect(byCategory).toMatchObject({ by: 'category', category: 3 })
    expect(byCategory).not.toHaveProperty('product')
    expect(productsQuery({ ...PRODUCT_FILTERS, by: 'shelf', product: 'x' }, today)).toEqual(
      expect.not.objectContaining({ product: expect.anything() }),
    )
    expect(productsBy({ by: 'shelf' })).toBe('product')
  })
})

describe('customerValueQuery and churnQuery', () => {
  it('reads the last twelve months by month, and one customer’s spend only when one is picked', () => {
    expect(customerValueQuery({ ...CUSTOMER_VALUE_FILTERS }, today)).toEqual({
      start: '2025-12-02',
      end: '2026-12-02',
      grain: 'month',
      limit: 20,
    })
    expect(customerValueQuery({ ...CUSTOMER_VALUE_FILTERS, customer: '12' }, today).customer).toBe(
      12,
    )
  })

  it('reads churn by month over this year unless told otherwise', () => {
    expect(churnQuery({ ...CHURN_FILTERS }, today)).toEqual({
      start: '2026-01-01',
      end: '2027-01-01',
      grain: 'month',
    })
    expect(churnQuery({ ...CHURN_FILTERS, period: 'last_month', grain: 'week' }, today)).toEqual({
      start: '2026-11-01',
      end: '2026-12-01',
      grain: 'week',
    })
  })

  it('exports the lists without the one drawn as a trend', () => {
    expect(withoutTrend({ start: '2026-12-01', by: 'product', product: 7, limit: 20 })).toEqual({
      start: '2026-12-01',
      by: 'product',
      limit: 20,
    })
    expect(withoutTrend({ grain: 'day', customer: 3 })).toEqual({ grain: 'day' })
  })
})
