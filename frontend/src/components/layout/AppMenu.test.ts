import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'

import { i18n } from '@/locales'
import { shellRoutes } from '@/router/routes'
import { signIn } from '@/testing'
import { PERMISSIONS } from '@/utils/permissions'

import AppMenu from './AppMenu.vue'

enableAutoUnmount(afterEach)

async function mountMenu(collapse = false) {
  const pinia = createPinia()
  setActivePinia(pinia)
  signIn({ permissions: [PERMISSIONS.viewCustomer, PERMISSIONS.viewStatistics] })
  const router = createRouter({ history: createMemoryHistory(), routes: shellRoutes })
  await router.push('/statistics/breakdown')
  await router.isReady()
  const wrapper = mount(AppMenu, {
    props: { collapse },
    global: { plugins: [pinia, router, i18n] },
  })
  await flushPromises()
  return wrapper
}

describe('AppMenu', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'en'
  })
  afterEach(() => {
    i18n.global.locale.value = 'zh-CN'
  })

  it('names every page in full, the long English names too, each in a label that may wrap', async () => {
    const wrapper = await mountMenu()

    const breakdown = wrapper.find('[data-testid="menu-statistics-breakdown"]')
    expect(breakdown.find('.app-menu-label').text()).toBe('Department comparison')
    expect(breakdown.classes()).toContain('is-active')
    const items = wrapper.findAll('.el-menu-item')
    expect(items.length).toBeGreaterThan(5)
    expect(items.every((item) => item.find('.app-menu-label').exists())).toBe(true)
    expect(wrapper.find('.el-menu-item-group__title').exists()).toBe(true)
  })

  it('shows only the icons when collapsed (Element names them in tooltips)', async () => {
    const wrapper = await mountMenu(true)

    const breakdown = wrapper.find('[data-testid="menu-statistics-breakdown"]')
    expect(breakdown.find('.el-menu-tooltip__trigger .el-icon').exists()).toBe(true)
    expect(breakdown.find('.app-menu-label').exists()).toBe(false)
  })
})
