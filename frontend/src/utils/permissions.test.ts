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
})
