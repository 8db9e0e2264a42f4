import {
  DataLine,
  Document,
  Goods,
  Histogram,
  Medal,
  TrendCharts,
  UserFilled,
} from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'

import { PERMISSIONS } from '@/utils/permissions'

/** A new report and a saved one are the same page: saving the new one moves to its address. */
const reportPage = () => import('./pages/ReportPage.vue')

/**
 * 统计: each page scoped to the viewer by the server (a rep sees their own figures), in the
 * order PRODUCT.md lists them; the reports are for those who write them.
 */
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
    path: '/statistics/customers',
    name: 'statistics-customers',
    component: () => import('./pages/CustomerValuePage.vue'),
    meta: {
      titleKey: 'menu.customerValue',
      permission: PERMISSIONS.viewStatistics,
      menuGroup: 'statistics',
      menuOrder: 312,
      icon: UserFilled,
    },
  },
  {
    path: '/statistics/churn',
    name: 'statistics-churn',
    component: () => import('./pages/ChurnStatisticsPage.vue'),
    meta: {
      titleKey: 'menu.churnStatistics',
      permission: PERMISSIONS.viewStatistics,
      menuGroup: 'statistics',
      menuOrder: 314,
      icon: TrendCharts,
    },
  },
  {
    path: '/statistics/products',
    name: 'statistics-products',
    component: () => import('./pages/ProductsPage.vue'),
    meta: {
      titleKey: 'menu.productSales',
      permission: PERMISSIONS.viewStatistics,
      menuGroup: 'statistics',
      menuOrder: 316,
      icon: Goods,
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
  {
    path: '/statistics/reports',
    name: 'statistics-reports',
    component: () => import('./pages/ReportsPage.vue'),
    meta: {
      titleKey: 'menu.reports',
      permission: PERMISSIONS.manageReport,
      menuGroup: 'statistics',
      menuOrder: 330,
      icon: Document,
    },
  },
  {
    path: '/statistics/reports/new',
    name: 'statistics-report-new',
    component: reportPage,
    meta: {
      titleKey: 'menu.reports',
      permission: PERMISSIONS.manageReport,
      activeMenu: '/statistics/reports',
    },
  },
  {
    path: '/statistics/reports/:id(\\d+)',
    name: 'statistics-report',
    component: reportPage,
    meta: {
      titleKey: 'menu.reports',
      permission: PERMISSIONS.manageReport,
      activeMenu: '/statistics/reports',
    },
  },
]
