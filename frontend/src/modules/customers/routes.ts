import { Opportunity, Shop } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'

import { PERMISSIONS } from '@/utils/permissions'

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
