import { describe, expect, it } from 'vitest'

import { change, formatChange, formatFigure, formatValue, headlineCards } from './figures'
import { figures } from './testFigures'

describe('formatFigure', () => {
  it('shows money, counts and rates as PRODUCT.md does', () => {
    expect(formatFigure('sales_amount', '1234.50')).toBe('¥1,234.50')
    expect(formatFigure('order_count', 12345)).toBe('12,345')
    expect(formatFigure('quantity', '2400')).toBe('2,400')
    expect(formatFigure('conversion_rate', '0.2500')).toBe('25.0%')
    expect(formatFigure('conversion_rate', null)).toBe('—')
  })

  it('shows a measure with two places: average stock, turnover, a cycle in days', () => {
    expect(formatValue('decimal', '1234.5')).toBe('1,234.50')
    expect(formatValue('decimal', '2.4691')).toBe('2.47')
    expect(formatValue('decimal', null)).toBe('—')
  })
})

describe('change', () => {
  it('is the difference as a fraction of the previous value, up or down', () => {
    expect(change('1125.00', '1000.00')).toEqual({ direction: 'up', ratio: 0.125 })
    expect(change(3, 4)).toEqual({ direction: 'down', ratio: 0.25 })
    expect(change('0.5000', '0.5000')).toEqual({ direction: 'flat', ratio: 0 })
  })

  it('has nothing to say when there was nothing before', () => {
    expect(change('100.00', '0.00')).toBeNull()
    expect(change('0.5000', null)).toBeNull()
    expect(change(null, '0.5000')).toBeNull()
  })

  it('reads as an arrow and a percentage, or a dash', () => {
    expect(formatChange(change('1125.00', '1000.00'))).toBe('↑ 12.5%')
    expect(formatChange(change(3, 4))).toBe('↓ 25.0%')
    expect(formatChange(change(4, 4))).toBe('0.0%')
    expect(formatChange(change(4, 0))).toBe('—')
  })
})

describe('headlineCards', () => {
  it('gives the six figures, each against the previous period', () => {
    const now = figures({
      sales_amount: '1500.00',
      order_count: 4,
      sales_order_count: 3,
      developed: 2,
      converted: 1,
      conversion_rate: '0.5000',
    })
    const before = figures({ sales_amount: '1000.00', order_count: 4, sales_order_count: 4 })

    expect(headlineCards(now, before)).toEqual([
      {
        key: 'sales_amount',
        value: '¥1,500.00',
        previous: '¥1,000.00',
        change: { direction: 'up', ratio: 0.5 },
      },
      { key: 'order_count', value: '4', previous: '4', change: { direction: 'flat', ratio: 0 } },
      {
        key: 'sales_order_count',
        value: '3',
        previous: '4',
        change: { direction: 'down', ratio: 0.25 },
      },
      { key: 'developed', value: '2', previous: '0', change: null },
      { key: 'converted', value: '1', previous: '0', change: null },
      { key: 'conversion_rate', value: '50.0%', previous: '—', change: null },
    ])
  })
})
