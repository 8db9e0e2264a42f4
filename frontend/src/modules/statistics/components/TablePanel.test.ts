import { enableAutoUnmount, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { i18n } from '@/locales'
import { signIn } from '@/testing'

import TablePanel from './TablePanel.vue'

enableAutoUnmount(afterEach)

describe('TablePanel', () => {
  beforeEach(() => setActivePinia(createPinia()))

  const mountPanel = (query = vi.fn(() => ({ by: 'group' }))) =>
    mount(TablePanel, {
      props: { title: '对比明细', exportKind: 'statistics_breakdown', exportQuery: query },
      slots: { default: '<table class="figures" />' },
      global: { plugins: [i18n] },
    })

  it('titles the table it holds and offers its export to whoever may export', () => {
    signIn({ field_permissions: ['data.export'] })
    const wrapper = mountPanel()

    expect(wrapper.find('.el-card__header').text()).toContain('对比明细')
    expect(wrapper.find('.el-card__body table.figures').exists()).toBe(true)
    expect(wrapper.find('[data-testid="export-open"]').exists()).toBe(true)
  })

  it('offers no export without the export right', () => {
    signIn()
    const wrapper = mountPanel()

    expect(wrapper.find('.el-card__header').text()).toBe('对比明细')
    expect(wrapper.find('[data-testid="export-open"]').exists()).toBe(false)
  })
})
