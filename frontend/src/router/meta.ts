import type { Component } from 'vue'

export type MenuGroupKey = 'organisation' | 'system'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in (the login page). */
    public?: boolean
    /** i18n key of the page title and its menu entry. */
    titleKey?: string
    /** Permission code needed to open the page and to see it in the menu. */
    permission?: string
    /** Shown in the menu when set; lower comes first. */
    menuOrder?: number
    menuGroup?: MenuGroupKey
    icon?: Component
    /** The menu entry to highlight when this page has none of its own (a tab of another page). */
    activeMenu?: string
  }
}

export {}
