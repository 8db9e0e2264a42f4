import { Connection } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'

import { PERMISSIONS } from '@/utils/permissions'

const SyncPage = () => import('./pages/SyncPage.vue')
const MENU_PATH = '/system/sync'

/**
 * One page, one route per tab: each tab's list keeps its own filters in the URL, and
 * useList ignores query changes that belong to another route.
 */
export const syncRoutes: RouteRecordRaw[] = [
  {
    path: MENU_PATH,
    name: 'sync',
    component: SyncPage,
    meta: {
      titleKey: 'menu.sync',
      permission: PERMISSIONS.viewSync,
      menuGroup: 'system',
      menuOrder: 55,
      icon: Connection,
    },
  },
  {
    path: `${MENU_PATH}/events`,
    name: 'sync-events',
    component: SyncPage,
    meta: { titleKey: 'menu.sync', permission: PERMISSIONS.viewSync, activeMenu: MENU_PATH },
  },
  {
    path: `${MENU_PATH}/quarantine`,
    name: 'sync-quarantine',
    component: SyncPage,
    meta: { titleKey: 'menu.sync', permission: PERMISSIONS.viewSync, activeMenu: MENU_PATH },
  },
]
