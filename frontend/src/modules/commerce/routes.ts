import { Tickets } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'

import { PERMISSIONS } from '@/utils/permissions'

export const commerceRoutes: RouteRecordRaw[] = [
  {
    path: '/orders',
    name: 'orders',
    component: () => import('./pages/OrderListPage.vue'),
    meta: {
      titleKey: 'menu.myOrders',
      permission: PERMISSIONS.viewOrder,
      menuGroup: 'orders',
      menuOrder: 200,
      icon: Tickets,
    },
  },
  {
    path: '/orders/:id(\\d+)',
    name: 'order-detail',
    component: () => import('./pages/OrderDetailPage.vue'),
    meta: { titleKey: 'menu.myOrders', permission: PERMISSIONS.viewOrder, activeMenu: '/orders' },
  },
]
