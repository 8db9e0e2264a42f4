import { describe, expect, it } from 'vitest'

import { PERMISSIONS } from '@/utils/permissions'

import { buildMenu } from './menu'
import { shellRoutes } from './routes'

const names = (permissions: string[]) =>
  buildMenu(shellRoutes, permissions).map((section) => ({
    group: section.group,
    items: section.items.map((item) => item.name),
  }))

describe('buildMenu', () => {
  it('gives a sales rep their customers, the pool, follow-ups, churn, import and their orders', () => {
    expect(
      names([
        PERMISSIONS.viewCustomer,
        PERMISSIONS.claimCustomer,
        PERMISSIONS.followUpCustomer,
        PERMISSIONS.manageCustomer,
        PERMISSIONS.viewOrder,
      ]),
    ).toEqual([
      { group: null, items: ['dashboard'] },
      {
        group: 'customers',
        items: ['customers', 'customer-pool', 'follow-ups', 'churn', 'customer-import'],
      },
      { group: 'orders', items: ['orders'] },
    ])
  })

  it('shows after-sales, who only read customers, no pool and no import', () => {
    expect(names([PERMISSIONS.viewCustomer, PERMISSIONS.viewOrder])).toEqual([
      { group: null, items: ['dashboard'] },
      { group: 'customers', items: ['customers', 'follow-ups', 'churn'] },
      { group: 'orders', items: ['orders'] },
    ])
  })

  it('opens the pool to whoever may assign, even without claiming', () => {
    expect(names([PERMISSIONS.assignCustomer])).toEqual([
      { group: null, items: ['dashboard'] },
      { group: 'customers', items: ['customer-pool'] },
    ])
  })

  it('leaves the detail pages and second tabs out of the menu', () => {
    const items = buildMenu(shellRoutes, Object.values(PERMISSIONS)).flatMap((s) => s.items)
    expect(items.map((item) => item.name)).not.toContain('customer-detail')
    expect(items.map((item) => item.name)).not.toContain('order-detail')
    expect(items.map((item) => item.name)).not.toContain('follow-up-log')
  })

  it('gives an admin every page, grouped and ordered', () => {
    expect(names(Object.values(PERMISSIONS))).toEqual([
      { group: null, items: ['dashboard'] },
      {
        group: 'customers',
        items: ['customers', 'customer-pool', 'follow-ups', 'churn', 'customer-import'],
      },
      { group: 'orders', items: ['orders'] },
      {
        group: 'statistics',
        items: [
          'statistics-performance',
          'statistics-rankings',
          'statistics-customers',
          'statistics-churn',
          'statistics-products',
          'statistics-breakdown',
          'statistics-reports',
        ],
      },
      { group: 'organisation', items: ['departments', 'users', 'roles'] },
      { group: 'system', items: ['dictionary', 'parameters', 'sync', 'audit'] },
    ])
  })

  it('puts the statistics pages after the orders for whoever may view statistics', () => {
    expect(names([PERMISSIONS.viewOrder, PERMISSIONS.viewStatistics])).toEqual([
      { group: null, items: ['dashboard'] },
      { group: 'orders', items: ['orders'] },
      {
        group: 'statistics',
        items: [
          'statistics-performance',
          'statistics-rankings',
          'statistics-customers',
          'statistics-churn',
          'statistics-products',
          'statistics-breakdown',
        ],
      },
    ])
  })

  it('adds 业绩分析报告 for whoever writes reports, not its new and saved report pages', () => {
    const statistics = buildMenu(shellRoutes, [
      PERMISSIONS.viewStatistics,
      PERMISSIONS.manageReport,
    ]).find((section) => section.group === 'statistics')
    const items = statistics?.items.map((item) => item.name) ?? []
    expect(items.at(-1)).toBe('statistics-reports')
    expect(items).not.toContain('statistics-report-new')
    expect(items).not.toContain('statistics-report')
    expect(
      names([PERMISSIONS.manageReport]).find((section) => section.group === 'statistics'),
    ).toEqual({ group: 'statistics', items: ['statistics-reports'] })
  })

  it('shows a manager who views departments and people no roles and no system group', () => {
    expect(
      names([PERMISSIONS.viewDepartment, PERMISSIONS.viewUser, PERMISSIONS.manageUser]),
    ).toEqual([
      { group: null, items: ['dashboard'] },
      { group: 'organisation', items: ['departments', 'users'] },
    ])
  })

  it('shows the sync page, not its tabs, to whoever views the sync log', () => {
    expect(names([PERMISSIONS.viewSync])).toEqual([
      { group: null, items: ['dashboard'] },
      { group: 'system', items: ['sync'] },
    ])
  })

  it('keeps a group with a single page', () => {
    expect(names([PERMISSIONS.viewAuditEvent])).toEqual([
      { group: null, items: ['dashboard'] },
      { group: 'system', items: ['audit'] },
    ])
  })

  it('gives each item its path and title key', () => {
    const [, organisation] = buildMenu(shellRoutes, [PERMISSIONS.viewDepartment])
    expect(organisation?.items[0]).toMatchObject({
      name: 'departments',
      path: '/org/departments',
      titleKey: 'menu.departments',
    })
  })
})
