import { DataLine, Histogram, Medal } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'

import { PERMISSIONS } from '@/utils/permissions'

/** 统计: each page scoped to the viewer by the server (a rep sees their own figures). */
export const statisticsRoutes: RouteRecordRaw[] = [
  {
    path: '/statistics/performance',
    name: 'statistics-performance',
    component: () => import('./pages/PerformancePage.vue'),
    meta: {
      titleKey: 'menu.performance',
      permission: PERMISSIONS.viewStatistics,
      menuGroup: 'statistics',
      menuOrder: 300,
      icon: DataLine,
    },
  },
  {
    path: '/statistics/rankings',
    name: 'statistics-rankings',
    component: () => import('./pages/RankingsPage.vue'),
    meta: {
      titleKey: 'menu.rankings',
      permission: PERMISSIONS.viewStatistics,
      menuGroup: 'statistics',
      menuOrder: 310,
      icon: Medal,
    },
  },
  {
    path: '/statistics/breakdown',
    name: 'statistics-breakdown',
    component: () => import('./pages/BreakdownPage.vue'),
    meta: {
      titleKey: 'menu.breakdown',
      permission: PERMISSIONS.viewStatistics,
      menuGroup: 'statistics',
      menuOrder: 320,
      icon: Histogram,
    },
  },
]
