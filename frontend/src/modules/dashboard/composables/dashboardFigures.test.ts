import { describe, expect, it } from 'vitest'

import type { BreakdownRow, StatisticsDashboard } from '@/api/types'
import { figures } from '@/modules/statistics/composables/testFigures'

import { monthChange, orderStatusCounts, sortPeople } from './dashboardFigures'

const dashboard = (overrides: Partial<StatisticsDashboard> = {}): StatisticsDashboard => ({
  today: figures(),
  this_month: figures({ sales_amount: '1200.00' }),
  last_month: figures({ sales_amount: '3000.00' }),
  last_month_to_date: figures({ sales_amount: '1000.00' }),
  group_rank: null,
  churn_warnings: 0,
  follow_ups_due: 0,
  people: [],
  ...overrides,
})

const person = (id: number, name: string, rank: number): BreakdownRow => ({
  ...figures(),
  id,
  name,
  rank,
})

describe('monthChange', () => {
  it('compares this month with last month up to the same day, not its whole total', () => {
    expect(monthChange(dashboard())).toEqual({ direction: 'up', ratio: 0.2 })
  })

  it('says nothing when last month had no sales by this day', () => {
    const quiet = dashboard({ last_month_to_date: figures({ sales_amount: '0.00' }) })
    expect(monthChange(quiet)).toBeNull()
  })
})

describe('orderStatusCounts', () => {
  it('lists every status in the order an order moves', () => {
    const month = figures({
      order_count: 7,
      pending_payment_count: 1,
      paid_count: 2,
      shipped_count: 0,
      completed_count: 3,
      cancelled_count: 1,
    })
    expect(orderStatusCounts(month)).toEqual([
      { status: 'pending_payment', count: 1 },
      { status: 'paid', count: 2 },
      { status: 'shipped', count: 0 },
      { status: 'completed', count: 3 },
      { status: 'cancelled', count: 1 },
    ])
  })
})

describe('sortPeople', () => {
  const people = [person(6, '张伟', 2), person(5, '李明', 1), person(7, '刘洋', 2)]

  it('puts the best first, ties by name', () => {
    expect(sortPeople(people, 'desc').map((row) => row.name)).toEqual(['李明', '刘洋', '张伟'])
  })

  it('puts whoever is furthest behind first when sorted ascending', () => {
    expect(sortPeople(people, 'asc').map((row) => row.name)).toEqual(['张伟', '刘洋', '李明'])
  })
})
