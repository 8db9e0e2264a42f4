import { describe, expect, it } from 'vitest'

import { decideNavigation, safeNext } from './access'

const page = (overrides: Partial<Parameters<typeof decideNavigation>[0]> = {}) => ({
  name: 'departments',
  fullPath: '/org/departments?kind=group',
  isPublic: false,
  permission: 'org.view_department',
  ...overrides,
})

describe('decideNavigation', () => {
  it('sends a visitor to login, remembering where they were going', () => {
    expect(decideNavigation(page(), null)).toEqual({
      kind: 'login',
      next: '/org/departments?kind=group',
    })
  })

  it('lets a permitted user through', () => {
    expect(decideNavigation(page(), ['org.view_department'])).toEqual({ kind: 'allow' })
  })

  it('refuses a page the user may not use, back to the dashboard', () => {
    expect(decideNavigation(page(), ['accounts.view_user'])).toEqual({
      kind: 'home',
      refused: true,
    })
  })

  it('lets through whoever holds any one code of a list', () => {
    const pool = page({
      name: 'customer-pool',
      fullPath: '/customers/pool',
      permission: ['customers.claim_customer', 'customers.assign_customer'],
    })
    expect(decideNavigation(pool, ['customers.assign_customer'])).toEqual({ kind: 'allow' })
    expect(decideNavigation(pool, ['customers.view_customer'])).toEqual({
      kind: 'home',
      refused: true,
    })
  })

  it('opens pages without a permission code to everyone signed in', () => {
    expect(decideNavigation(page({ name: 'dashboard', permission: undefined }), [])).toEqual({
      kind: 'allow',
    })
  })

  it('opens the login page to visitors and sends signed-in users home quietly', () => {
    const login = page({ name: 'login', isPublic: true, permission: undefined })
    expect(decideNavigation(login, null)).toEqual({ kind: 'allow' })
    expect(decideNavigation(login, [])).toEqual({ kind: 'home', refused: false })
  })
})

describe('safeNext', () => {
  it('follows same-site paths only', () => {
    expect(safeNext('/org/users?page=2')).toBe('/org/users?page=2')
    expect(safeNext('//evil.example.com')).toBe('/')
    expect(safeNext('https://evil.example.com')).toBe('/')
    expect(safeNext('/login?next=/x')).toBe('/')
    expect(safeNext(undefined)).toBe('/')
    expect(safeNext(['/a'])).toBe('/')
  })
})
