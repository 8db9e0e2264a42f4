import { describe, expect, it } from 'vitest'

import type { OrderStatusChange } from '@/api/types'
import en from '@/locales/en'
import zhCN from '@/locales/zh-CN'

import { ORDER_STATUSES, PAYMENT_METHODS, orderStatusTagType, timelineSteps } from './orderLabels'

const change = (
  id: number,
  status: OrderStatusChange['status'],
  changedAt: string,
  reason = '',
): OrderStatusChange => ({ id, status, changed_at: changedAt, reason, payment_method: '' })

describe('order statuses', () => {
  it('are named and coloured', () => {
    expect(ORDER_STATUSES.map((status) => zhCN.order.statuses[status])).toEqual([
      '待付款',
      '已付款',
      '已发货',
      '已完成',
      '已取消',
    ])
    expect(ORDER_STATUSES.map((status) => en.order.statuses[status])).toEqual([
      'Pending payment',
      'Paid',
      'Shipped',
      'Completed',
      'Cancelled',
    ])
    expect(ORDER_STATUSES.map(orderStatusTagType)).toEqual([
      'warning',
      'primary',
      'primary',
      'success',
      'info',
    ])
    expect(orderStatusTagType('refunded')).toBe('info')
  })

  it('name every payment method', () => {
    expect(PAYMENT_METHODS.map((method) => zhCN.order.paymentMethods[method as 'online'])).toEqual([
      '在线支付',
      '银行转账',
      '货到付款',
      '赊销',
    ])
  })
})

describe('timelineSteps', () => {
  it('calls the first change the order being placed, the others by their status', () => {
    const steps = timelineSteps([
      change(1, 'pending_payment', '2026-02-01T02:00:00Z'),
      change(2, 'paid', '2026-02-01T04:00:00Z'),
      change(3, 'shipped', '2026-02-02T04:00:00Z'),
      change(4, 'completed', '2026-02-05T04:00:00Z'),
    ])
    expect(steps.map((step) => [step.step, step.type])).toEqual([
      ['created', 'primary'],
      ['paid', 'primary'],
      ['shipped', 'primary'],
      ['completed', 'success'],
    ])
    expect(steps[1]).toMatchObject({ id: 2, status: 'paid', changedAt: '2026-02-01T04:00:00Z' })
  })

  it('keeps the status an order was placed in, and a cancellation’s reason', () => {
    const steps = timelineSteps([
      change(5, 'paid', '2026-02-01T02:00:00Z'),
      change(6, 'cancelled', '2026-02-01T05:00:00Z', '客户取消'),
    ])
    expect(steps.map((step) => [step.step, step.status, step.type, step.reason])).toEqual([
      ['created', 'paid', 'primary', ''],
      ['cancelled', 'cancelled', 'danger', '客户取消'],
    ])
    expect(timelineSteps([])).toEqual([])
  })
})
