import type { RouteRecordRaw } from 'vue-router'

import { accountsPublicRoutes, accountsRoutes } from '@/modules/accounts/routes'
import { auditRoutes } from '@/modules/audit/routes'
import { commerceRoutes } from '@/modules/commerce/routes'
import { customersRoutes } from '@/modules/customers/routes'
import { dashboardRoutes } from '@/modules/dashboard/routes'
import { dictionaryRoutes } from '@/modules/dictionary/routes'
import { orgRoutes } from '@/modules/org/routes'
import { statisticsRoutes } from '@/modules/statistics/routes'
import { syncRoutes } from '@/modules/sync/routes'

/** The pages inside the shell; the menu is built from these. */
export const shellRoutes: RouteRecordRaw[] = [
  ...dashboardRoutes,
  ...customersRoutes,
  ...commerceRoutes,
  ...statisticsRoutes,
  ...orgRoutes,
  ...accountsRoutes,
  ...dictionaryRoutes,
  ...syncRoutes,
  ...auditRoutes,
]

export const routes: RouteRecordRaw[] = [
  ...accountsPublicRoutes,
  {
    path: '/',
    component: () => import('@/components/layout/AppLayout.vue'),
    children: shellRoutes,
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]
