import { describe, expect, it } from 'vitest'

import { itemsSubtotal, statusList, summaryQuery, toOrderQuery } from './orderQuery'

describe('statusList', () => {
  it('keeps the known statuses of a comma-separated list', () => {
    expect(statusList('paid,shipped')).toEqual(['paid', 'shipped'])
    expect(statusList('paid, refunded ,')).toEqual(['paid'])
    expect(statusList('')).toEqual([])
  })
})

describe('toOrderQuery', () => {
  it('repeats the statuses, turns local days into instants and amounts into numbers', () => {
    expect(
      toOrderQuery({
        page: 2,
        page_size: 20,
        ordering: '-total_amount',
        search: 'O1',
        status: 'paid,completed',
        created_since: '2026-03-01',
        created_until: '2026-03-31',
        amount_min: '100',
        amount_max: '1000.5',
        rep: '7',
      }),
    ).toEqual({
      page: 2,
      page_size: 20,
      ordering: '-total_amount',
      search: 'O1',
      status: ['paid', 'completed'],
      created_since: '2026-02-28T16:00:00.000Z',
      created_until: '2026-03-31T16:00:00.000Z',
      amount_min: 100,
      amount_max: 1000.5,
      rep: 7,
    })
  })

  it('drops what is empty or not a number, and half a day range', () => {
    expect(
      toOrderQuery({ page: 1, status: '', amount_min: 'abc', created_since: '2026-03-01' }),
    ).toEqual({ page: 1 })
  })

  it('keeps the customer a customer page asks for', () => {
    expect(toOrderQuery({ customer: 12 })).toEqual({ customer: 12 })
  })
})

describe('summaryQuery', () => {
  it('keeps the filters, not the page or the order', () => {
    expect(
      summaryQuery({ page: 3, page_size: 50, ordering: 'created_at', status: ['paid'], rep: 7 }),
    ).toEqual({ status: ['paid'], rep: 7 })
  })
})

describe('itemsSubtotal', () => {
  it('adds the amounts to the cent', () => {
    expect(itemsSubtotal([{ amount: '0.10' }, { amount: '0.20' }, { amount: '1234.50' }])).toBe(
      '1234.80',
    )
    expect(itemsSubtotal([])).toBe('0.00')
  })
})
