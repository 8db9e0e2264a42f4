import type { Component } from 'vue'

import type { PermissionRequirement } from '@/utils/permissions'

export type MenuGroupKey = 'customers' | 'orders' | 'statistics' | 'organisation' | 'system'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in (the login page). */
    public?: boolean
    /** i18n key of the page title and its menu entry. */
    titleKey?: string
    /** Permission code needed to open the page and to see it in the menu; of a list, any one. */
    permission?: PermissionRequirement
    /** Shown in the menu when set; lower comes first. */
    menuOrder?: number
    menuGroup?: MenuGroupKey
    icon?: Component
    /** The menu entry to highlight when this page has none of its own (a tab of another page). */
    activeMenu?: string
  }
}

export {}
