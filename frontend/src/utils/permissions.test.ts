import { describe, expect, it } from 'vitest'

import { hasPermission } from './permissions'

describe('hasPermission', () => {
  it('needs the exact code', () => {
    expect(hasPermission(['org.view_department'], 'org.view_department')).toBe(true)
    expect(hasPermission(['org.view_department'], 'org.manage_department')).toBe(false)
    expect(hasPermission([], 'org.view_department')).toBe(false)
  })
  it('lets everyone through when no code is asked', () => {
    expect(hasPermission([], undefined)).toBe(true)
  })
  it('takes any one of a list', () => {
    const pool = ['customers.claim_customer', 'customers.assign_customer']
    expect(hasPermission(['customers.assign_customer'], pool)).toBe(true)
    expect(hasPermission(['customers.claim_customer'], pool)).toBe(true)
    expect(hasPermission(['customers.view_customer'], pool)).toBe(false)
    expect(hasPermission(['customers.view_customer'], [])).toBe(false)
  })
})
