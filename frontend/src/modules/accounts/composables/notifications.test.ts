import { describe, expect, it } from 'vitest'

import { notificationTarget } from './notifications'

describe('notificationTarget', () => {
  it('follows a path of this app', () => {
    expect(notificationTarget('/customers')).toBe('/customers')
    expect(notificationTarget(' /customers/12 ')).toBe('/customers/12')
  })

  it('goes nowhere without a link or off the site', () => {
    expect(notificationTarget('')).toBeNull()
    expect(notificationTarget(undefined)).toBeNull()
    expect(notificationTarget('https://evil.example.com')).toBeNull()
    expect(notificationTarget('//evil.example.com')).toBeNull()
    expect(notificationTarget('javascript:alert(1)')).toBeNull()
  })
})
