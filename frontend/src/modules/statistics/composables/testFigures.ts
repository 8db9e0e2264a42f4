import type { Figures } from '@/api/types'

/** Figures for tests: all zero (nobody developed: no rate) but what a test says. */
export const figures = (overrides: Partial<Figures> = {}): Figures => ({
  order_count: 0,
  pending_payment_count: 0,
  paid_count: 0,
  shipped_count: 0,
  completed_count: 0,
  cancelled_count: 0,
  sales_amount: '0.00',
  sales_order_count: 0,
  developed: 0,
  converted: 0,
  conversion_rate: null,
  ...overrides,
})
