import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'

import { i18n } from '@/locales'

import StatisticsFilters from './StatisticsFilters.vue'

enableAutoUnmount(afterEach)
afterEach(() => {
  document.body.innerHTML = ''
})

async function mountFilters(filters: Record<string, string>, slots: Record<string, string> = {}) {
  const wrapper = mount(StatisticsFilters, {
    props: { filters: { period: 'this_month', start: '', end: '', ...filters } },
    slots,
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

/** Picks an option of the select whose options include it (the options sit in the body). */
async function choose(label: string): Promise<void> {
  const option = [...document.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find(
    (item) => item.textContent?.trim() === label,
  )
  if (!option) throw new Error(`no option ${label}`)
  option.click()
  await flushPromises()
}

describe('StatisticsFilters', () => {
  it('offers the grain beside the period when the page keeps one, and a new period brings the grain that suits it', async () => {
    const wrapper = await mountFilters({ grain: 'day' })

    expect(wrapper.find('[data-testid="statistics-period"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="statistics-grain"]').exists()).toBe(true)

    await choose('本年')
    await choose('按周')

    expect(wrapper.emitted('change')).toEqual([
      [{ period: 'this_year', start: '', end: '', grain: 'month' }],
      [{ grain: 'week' }],
    ])
  })

  it('offers the period alone when the page reads no series', async () => {
    const wrapper = await mountFilters({ by: 'group' })

    expect(wrapper.find('[data-testid="statistics-grain"]').exists()).toBe(false)
    await choose('上月')

    expect(wrapper.emitted('change')).toEqual([[{ period: 'last_month', start: '', end: '' }]])
  })

  it('puts tabs above the row, what is compared before the period and the narrowing after it', async () => {
    const wrapper = await mountFilters(
      { grain: 'day' },
      {
        above: '<div class="tabs" />',
        before: '<div class="subject" />',
        default: '<div class="narrowing" />',
      },
    )

    const body = wrapper.find('.el-card__body')
    const [tabs, row] = body.element.children
    expect(tabs?.className).toBe('tabs')
    expect(row?.className).toBe('filters')
    const inRow = [...(row?.children ?? [])].map((element) => element.className.split(' ')[0])
    expect(inRow).toEqual(['subject', 'period-picker', 'el-select', 'narrowing'])
  })
})
