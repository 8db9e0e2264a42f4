import type { OrderStatus, OrderStatusChange } from '@/api/types'
import type { TagType } from '@/utils/labels'

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'pending_payment',
  'paid',
  'shipped',
  'completed',
  'cancelled',
]
export const PAYMENT_METHODS: readonly string[] = ['online', 'transfer', 'cod', 'credit']

const STATUS_TAGS: Record<OrderStatus, TagType> = {
  pending_payment: 'warning',
  paid: 'primary',
  shipped: 'primary',
  completed: 'success',
  cancelled: 'info',
}

/** 待付款 amber, 已付款 / 已发货 blue, 已完成 green, 已取消 (and anything unknown) grey. */
export function orderStatusTagType(status: string): TagType {
  return Object.prototype.hasOwnProperty.call(STATUS_TAGS, status)
    ? STATUS_TAGS[status as OrderStatus]
    : 'info'
}

/** What happened at a point of the timeline: the order was placed, or moved to a status. */
export type OrderStep = 'created' | OrderStatus

export interface TimelineStep {
  id: number
  step: OrderStep
  status: OrderStatus
  changedAt: string
  reason: string
  paymentMethod: string
  type: TagType
}

/**
 * The status timeline as people read it (生成 → 付款 → 发货 → 完成, or 取消): the first
 * change is the order being placed, in whatever status the mall placed it; each later one
 * is named by the status it moved to. The server sends the changes in time order.
 */
export function timelineSteps(changes: readonly OrderStatusChange[]): TimelineStep[] {
  return changes.map((change, index) => ({
    id: change.id,
    step: index === 0 ? 'created' : change.status,
    status: change.status,
    changedAt: change.changed_at,
    reason: change.reason ?? '',
    paymentMethod: change.payment_method ?? '',
    type:
      change.status === 'cancelled'
        ? 'danger'
        : change.status === 'completed'
          ? 'success'
          : 'primary',
  }))
}
