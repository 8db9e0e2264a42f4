import { Opportunity, Phone, Shop, Upload, Warning } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'

import { PERMISSIONS } from '@/utils/permissions'

const followUpsPage = () => import('./pages/FollowUpsPage.vue')

export const customersRoutes: RouteRecordRaw[] = [
  {
    path: '/customers',
    name: 'customers',
    component: () => import('./pages/CustomerListPage.vue'),
    meta: {
      titleKey: 'menu.myCustomers',
      permission: PERMISSIONS.viewCustomer,
      menuGroup: 'customers',
      menuOrder: 100,
      icon: Shop,
    },
  },
  {
    path: '/customers/pool',
    name: 'customer-pool',
    component: () => import('./pages/CustomerPoolPage.vue'),
    meta: {
      titleKey: 'menu.customerPool',
      // Reps claim from the pool; supervisors and admins assign from it.
      permission: [PERMISSIONS.claimCustomer, PERMISSIONS.assignCustomer],
      menuGroup: 'customers',
      menuOrder: 110,
      icon: Opportunity,
    },
  },
  {
    path: '/customers/follow-ups',
    name: 'follow-ups',
    component: followUpsPage,
    meta: {
      titleKey: 'menu.followUps',
      permission: PERMISSIONS.viewCustomer,
      menuGroup: 'customers',
      menuOrder: 120,
      icon: Phone,
    },
  },
  {
    // The second tab of 跟进记录, a route of its own so each list keeps its filters in the URL.
    path: '/customers/follow-ups/log',
    name: 'follow-up-log',
    component: followUpsPage,
    meta: {
      titleKey: 'menu.followUps',
      permission: PERMISSIONS.viewCustomer,
      activeMenu: '/customers/follow-ups',
    },
  },
  {
    path: '/customers/churn',
    name: 'churn',
    component: () => import('./pages/ChurnPage.vue'),
    meta: {
      titleKey: 'menu.churn',
      permission: PERMISSIONS.viewCustomer,
      menuGroup: 'customers',
      menuOrder: 130,
      icon: Warning,
    },
  },
  {
    path: '/customers/import',
    name: 'customer-import',
    component: () => import('./pages/CustomerImportPage.vue'),
    meta: {
      titleKey: 'menu.customerImport',
      permission: PERMISSIONS.manageCustomer,
      menuGroup: 'customers',
      menuOrder: 140,
      icon: Upload,
    },
  },
  {
    path: '/customers/:id(\\d+)',
    name: 'customer-detail',
    component: () => import('./pages/CustomerDetailPage.vue'),
    meta: {
      titleKey: 'menu.myCustomers',
      permission: PERMISSIONS.viewCustomer,
      activeMenu: '/customers',
    },
  },
]
