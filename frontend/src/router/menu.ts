import type { Component } from 'vue'
import type { RouteRecordRaw } from 'vue-router'

import { hasPermission } from '@/utils/permissions'

import type { MenuGroupKey } from './meta'

export interface MenuItem {
  name: string
  path: string
  titleKey: string
  icon?: Component
}

export interface MenuSection {
  /** null for the top-level entries (the dashboard). */
  group: MenuGroupKey | null
  items: MenuItem[]
}

const SECTION_ORDER: (MenuGroupKey | null)[] = [
  null,
  'customers',
  'orders',
  'statistics',
  'organisation',
  'system',
]

/** The menu a person sees: only pages their permissions open, empty groups left out. */
export function buildMenu(
  routes: readonly RouteRecordRaw[],
  permissions: readonly string[],
): MenuSection[] {
  const entries = routes
    .filter((route) => route.meta?.menuOrder !== undefined && typeof route.name === 'string')
    .filter((route) => hasPermission(permissions, route.meta?.permission))
    .sort((a, b) => (a.meta?.menuOrder ?? 0) - (b.meta?.menuOrder ?? 0))

  return SECTION_ORDER.map((group) => ({
    group,
    items: entries
      .filter((route) => (route.meta?.menuGroup ?? null) === group)
      .map((route) => ({
        name: String(route.name),
        path: route.path,
        titleKey: route.meta?.titleKey ?? String(route.name),
        icon: route.meta?.icon,
      })),
  })).filter((section) => section.items.length > 0)
}
