import { Collection, Setting } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'

import { PERMISSIONS } from '@/utils/permissions'

export const dictionaryRoutes: RouteRecordRaw[] = [
  {
    path: '/system/dictionary',
    name: 'dictionary',
    component: () => import('./pages/DictionaryPage.vue'),
    meta: {
      titleKey: 'menu.dictionary',
      permission: PERMISSIONS.manageDictionary,
      menuGroup: 'system',
      menuOrder: 40,
      icon: Collection,
    },
  },
  {
    path: '/system/parameters',
    name: 'parameters',
    component: () => import('./pages/ParametersPage.vue'),
    meta: {
      titleKey: 'menu.parameters',
      permission: PERMISSIONS.manageParameter,
      menuGroup: 'system',
      menuOrder: 50,
      icon: Setting,
    },
  },
]
