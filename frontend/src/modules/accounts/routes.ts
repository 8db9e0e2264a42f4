import { Key, User } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'

import { PERMISSIONS } from '@/utils/permissions'

/** Outside the shell. */
export const accountsPublicRoutes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('./pages/LoginPage.vue'),
    meta: { public: true, titleKey: 'auth.title' },
  },
]

export const accountsRoutes: RouteRecordRaw[] = [
  {
    path: '/org/users',
    name: 'users',
    component: () => import('./pages/UsersPage.vue'),
    meta: {
      titleKey: 'menu.users',
      permission: PERMISSIONS.viewUser,
      menuGroup: 'organisation',
      menuOrder: 20,
      icon: User,
    },
  },
  {
    path: '/org/roles',
    name: 'roles',
    component: () => import('./pages/RolesPage.vue'),
    meta: {
      titleKey: 'menu.roles',
      permission: PERMISSIONS.manageRole,
      menuGroup: 'organisation',
      menuOrder: 30,
      icon: Key,
    },
  },
]
