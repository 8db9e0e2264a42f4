import { Document } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'

import { PERMISSIONS } from '@/utils/permissions'

export const auditRoutes: RouteRecordRaw[] = [
  {
    path: '/system/audit',
    name: 'audit',
    component: () => import('./pages/AuditPage.vue'),
    meta: {
      titleKey: 'menu.audit',
      permission: PERMISSIONS.viewAuditEvent,
      menuGroup: 'system',
      menuOrder: 60,
      icon: Document,
    },
  },
]
