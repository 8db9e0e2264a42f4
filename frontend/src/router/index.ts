import { createRouter, createWebHistory } from 'vue-router'

import { setUnauthenticatedHandler } from '@/api/client'
import { i18n } from '@/locales'
import { useSessionStore } from '@/stores/session'

import { decideNavigation } from './access'
import './meta'
import { preloadPage } from './preload'
import { routes } from './routes'

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
})

router.beforeEach(async (to) => {
  const session = useSessionStore()
  if (!session.loaded) preloadPage(to)
  await session.ensureLoaded()
  const decision = decideNavigation(
    {
      name: typeof to.name === 'string' ? to.name : null,
      fullPath: to.fullPath,
      isPublic: to.meta.public === true,
      permission: to.meta.permission,
    },
    session.permissions,
  )
  if (decision.kind === 'login') return { name: 'login', query: { next: decision.next } }
  if (decision.kind === 'home') {
    if (decision.refused) ElMessage.warning(i18n.global.t('errors.no_access'))
    return { name: 'dashboard' }
  }
  return true
})

router.afterEach((to) => {
  const title = to.meta.titleKey ? i18n.global.t(to.meta.titleKey) : ''
  document.title = title ? `${title} · MallCRM` : 'MallCRM 客户关系管理'
})

/** A 401 on any request means the session ended: forget it and ask to sign in again. */
export function installSessionExpiry(): void {
  setUnauthenticatedHandler(() => {
    const session = useSessionStore()
    session.forget()
    const current = router.currentRoute.value
    if (current.meta.public) return
    ElMessage.warning(i18n.global.t('errors.not_authenticated'))
    void router.replace({ name: 'login', query: { next: current.fullPath } })
  })
}
