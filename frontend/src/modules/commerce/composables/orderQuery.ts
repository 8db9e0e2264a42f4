import type { OrderQuery } from '@/api/commerce'
import type { OrderItem, OrderStatus, Query } from '@/api/types'
import { withDayRange } from '@/utils/dayRange'

import { ORDER_STATUSES } from './orderLabels'

/** The order list's filters as the URL keeps them: days as YYYY-MM-DD, statuses comma-separated. */
export const ORDER_FILTERS = {
  search: '',
  status: '',
  created_since: '',
  created_until: '',
  amount_min: '',
  amount_max: '',
  rep: '',
}

/** `paid,shipped` → the statuses this UI knows, in the URL's order. */
export function statusList(value: string): OrderStatus[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part): part is OrderStatus => (ORDER_STATUSES as readonly string[]).includes(part))
}

function numberOrUndefined(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const number = Number(value)
  return Number.isFinite(number) ? number : undefined
}

/** The list's query (from useList) as the API's: statuses repeated, days as instants, numbers. */
export function toOrderQuery(query: Query): OrderQuery {
  const { status, amount_min, amount_max, rep, customer, ...rest } = withDayRange(
    query,
    'created_since',
    'created_until',
  )
  const result: Record<string, unknown> = { ...rest }
  const statuses = typeof status === 'string' ? statusList(status) : []
  if (statuses.length) result.status = statuses
  const numbers = { amount_min, amount_max, rep, customer }
  for (const [key, value] of Object.entries(numbers)) {
    const number = numberOrUndefined(value)
    if (number !== undefined) result[key] = number
  }
  return result as OrderQuery
}

/** The summary counts what the list filters, whatever page or order the list shows. */
export function summaryQuery(query: OrderQuery): OrderQuery {
  const filters = { ...query }
  delete filters.page
  delete filters.page_size
  delete filters.ordering
  return filters
}

/** The items' total before discount and freight, to the cent. */
export function itemsSubtotal(items: readonly Pick<OrderItem, 'amount'>[]): string {
  const cents = items.reduce((sum, item) => sum + Math.round(Number(item.amount) * 100), 0)
  return (cents / 100).toFixed(2)
}
