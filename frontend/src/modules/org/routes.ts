import { OfficeBuilding } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'

import { PERMISSIONS } from '@/utils/permissions'

export const orgRoutes: RouteRecordRaw[] = [
  {
    path: '/org/departments',
    name: 'departments',
    component: () => import('./pages/DepartmentsPage.vue'),
    meta: {
      titleKey: 'menu.departments',
      permission: PERMISSIONS.viewDepartment,
      menuGroup: 'organisation',
      menuOrder: 10,
      icon: OfficeBuilding,
    },
  },
]
