import type { BreakdownRow, Figures, OrderStatus, StatisticsDashboard } from '@/api/types'
import { ORDER_STATUSES } from '@/modules/commerce/composables/orderLabels'
import { change, type Change } from '@/modules/statistics/composables/figures'

/**
 * 本月销售额 against last month up to the same day (like for like), not last month's whole
 * total, which a month under way has not had the days to reach.
 */
export function monthChange(dashboard: StatisticsDashboard): Change | null {
  return change(dashboard.this_month.sales_amount, dashboard.last_month_to_date.sales_amount)
}

const STATUS_COUNTS: Record<OrderStatus, keyof Figures> = {
  pending_payment: 'pending_payment_count',
  paid: 'paid_count',
  shipped: 'shipped_count',
  completed: 'completed_count',
  cancelled: 'cancelled_count',
}

/** The orders created in the period by current status, in the order an order moves. */
export function orderStatusCounts(figures: Figures): { status: OrderStatus; count: number }[] {
  return ORDER_STATUSES.map((status) => ({ status, count: Number(figures[STATUS_COUNTS[status]]) }))
}

export type PeopleOrder = 'desc' | 'asc'

/** The people by rank, the best first, or the one furthest behind first; ties by name. */
export function sortPeople(people: readonly BreakdownRow[], order: PeopleOrder): BreakdownRow[] {
  const sorted = [...people].sort(
    (a, b) => a.rank - b.rank || a.name.localeCompare(b.name, 'zh-CN'),
  )
  return order === 'asc' ? sorted.reverse() : sorted
}
