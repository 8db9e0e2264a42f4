import { describe, expect, it } from 'vitest'

import { toCustomerQuery } from './customerQuery'

describe('toCustomerQuery', () => {
  it('turns the registration days into instants and keeps the rest', () => {
    expect(
      toCustomerQuery({
        page: 1,
        search: '138 0013 8001',
        registered_since: '2025-06-01',
        registered_until: '2025-06-30',
      }),
    ).toEqual({
      page: 1,
      search: '138 0013 8001',
      registered_since: '2025-05-31T16:00:00.000Z',
      registered_until: '2025-06-30T16:00:00.000Z',
    })
  })
})
