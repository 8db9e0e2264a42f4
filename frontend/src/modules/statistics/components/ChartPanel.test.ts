import { enableAutoUnmount, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'

import { i18n } from '@/locales'

import ChartPanel from './ChartPanel.vue'

enableAutoUnmount(afterEach)

describe('ChartPanel', () => {
  const empty = { option: {}, table: { columns: [], rows: [] } }
  const mountPanel = (props: Record<string, unknown>) =>
    mount(ChartPanel, {
      props: {
        title: '阿莫西林胶囊 销售趋势',
        chart: empty,
        testid: 'trend',
        emptyText: '无',
        ...props,
      },
      global: { plugins: [i18n] },
    })
  const closeButton = (wrapper: ReturnType<typeof mountPanel>) =>
    wrapper.findAll('.panel-actions > .el-button').find((button) => button.text() === '关闭')

  it('puts away the chart of the one picked when closed', async () => {
    const wrapper = mountPanel({ closable: true })

    await closeButton(wrapper)?.trigger('click')

    expect(wrapper.emitted('close')).toEqual([[]])
  })

  it('has no close button unless closable', () => {
    expect(closeButton(mountPanel({}))).toBeUndefined()
  })
})
