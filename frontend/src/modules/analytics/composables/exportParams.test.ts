import { describe, expect, it } from 'vitest'

import { toOrderQuery } from '@/modules/commerce/composables/orderQuery'
import { toCustomerQuery } from '@/modules/customers/composables/customerQuery'

import { exportEnded, exportParams } from './exportParams'

describe('exportParams', () => {
  it('keeps the filters and the ordering, not the page', () => {
    expect(
      exportParams({
        page: 3,
        page_size: 50,
        ordering: '-last_order_at',
        search: '仁心',
        status: 'warning',
        owner: '',
        province: undefined,
      }),
    ).toEqual({ ordering: '-last_order_at', search: '仁心', status: 'warning' })
  })

  it('takes the customer list as the API reads it: registration days as instants', () => {
    const query = toCustomerQuery({
      page: 1,
      page_size: 20,
      registered_since: '2025-06-01',
      registered_until: '2025-06-30',
    })
    expect(exportParams(query)).toEqual({
      registered_since: '2025-05-31T16:00:00.000Z',
      registered_until: '2025-06-30T16:00:00.000Z',
    })
  })

  it('repeats the order statuses as a list', () => {
    const query = toOrderQuery({ page: 2, page_size: 20, status: 'paid,completed', rep: '7' })
    expect(exportParams(query)).toEqual({ status: ['paid', 'completed'], rep: 7 })
    expect(exportParams({ status: [] })).toEqual({})
  })
})

describe('exportEnded', () => {
  it('stops polling once the file is written or has failed', () => {
    expect(
      ['pending', 'running', 'succeeded', 'failed'].map((s) => exportEnded(s as never)),
    ).toEqual([false, false, true, true])
  })
})
