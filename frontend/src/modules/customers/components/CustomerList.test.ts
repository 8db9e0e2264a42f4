import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'

import type { Customer, Page, Query } from '@/api/types'
import { i18n } from '@/locales'
import { onPhone } from '@/testing'

import { useCustomerList, type CustomerListState } from '../composables/useCustomerList'
import CustomerList from './CustomerList.vue'

vi.mock('@/api/dictionary', () => ({
  dictionaryApi: { listEntries: () => Promise.resolve({ count: 0, results: [] }) },
}))

enableAutoUnmount(afterEach)

const customer = (id: number, company_name: string): Customer => ({
  id,
  mall_customer_id: `M${id}`,
  company_name,
  pharmacy_type: 'single',
  contact_name: '王五',
  phone: '138****8000',
  province: '浙江',
  city: '杭州',
  district: '西湖',
  registered_at: '2026-01-02T03:04:05+08:00',
  last_login_at: null,
  last_order_at: null,
  last_purchase_at: null,
  last_follow_up_at: null,
  next_follow_up_on: null,
  status: 'active',
  owner: 7,
  owner_name: '李雷',
  group_name: '上海一组',
  source: 'mall',
  tags: [],
})

const page = (rows: Customer[]): Page<Customer> => ({ count: rows.length, results: rows })

interface Mounted {
  router: Router
  fetch: Mock<(query: Query) => Promise<Page<Customer>>>
  customers: CustomerListState
  buttons: unknown[]
  wrapper: ReturnType<typeof mount>
}

/** 我的客户 as a page holds it: the list from the URL, one action per customer. */
async function mountList(rows: Customer[], url = '/customers'): Promise<Mounted> {
  const fetch = vi.fn<(query: Query) => Promise<Page<Customer>>>(() => Promise.resolve(page(rows)))
  const buttons: unknown[] = []
  let customers: CustomerListState | undefined
  const Host = defineComponent({
    setup() {
      const list = useCustomerList(fetch, 'customer.empty')
      customers = list
      return () =>
        h(
          CustomerList,
          {
            customers: list,
            testid: 'customers-table',
            selectable: true,
            linked: true,
            showOwner: true,
            showOwnerFilter: false,
            actionsWidth: 100,
          },
          {
            actions: ({ customer, button }: { customer: Customer; button: unknown }) => {
              buttons.push(button)
              return h('button', { class: 'release', 'data-id': customer.id }, '退回公海')
            },
          },
        )
    },
  })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/customers', name: 'customers', component: Host },
      { path: '/customers/:id', name: 'customer-detail', component: { render: () => null } },
    ],
  })
  await router.push(url)
  await router.isReady()
  const wrapper = mount(Host, { global: { plugins: [router, i18n] }, attachTo: document.body })
  await flushPromises()
  if (!customers) throw new Error('the list did not start')
  return { router, fetch, customers, buttons, wrapper }
}

describe('CustomerList', () => {
  it('shows a wide screen a table whose names open each customer, with the action as a link', async () => {
    onPhone(false)
    const { wrapper, buttons, fetch } = await mountList([
      customer(1, '仁心大药房'),
      customer(2, '康宁药店'),
    ])

    expect(fetch).toHaveBeenCalledWith({ page: 1, page_size: 20 })
    const table = wrapper.find('[data-testid="customers-table"]')
    expect(table.classes()).toContain('el-table')
    const links = table.findAll('a[data-testid="customer-link"]')
    expect(links.map((link) => [link.text(), link.attributes('href')])).toEqual([
      ['仁心大药房', '/customers/1'],
      ['康宁药店', '/customers/2'],
    ])
    expect(buttons.length).toBeGreaterThan(0)
    expect(new Set(buttons.map((button) => JSON.stringify(button)))).toEqual(
      new Set([JSON.stringify({ link: true, type: 'primary' })]),
    )
    expect(wrapper.find('[data-testid="list-total"]').text()).toBe('共 2 条')
  })

  it('shows a phone one card per customer, the action a small button, a tick selecting it', async () => {
    onPhone(true)
    const { wrapper, buttons, customers } = await mountList([
      customer(1, '仁心大药房'),
      customer(2, '康宁药店'),
    ])

    const cards = wrapper.findAll('[data-testid="customers-table"] .phone-card')
    expect(cards.map((card) => card.find('.phone-card-title').text())).toEqual([
      '仁心大药房',
      '康宁药店',
    ])
    expect(cards[0]?.find('.phone-card-actions button.release').exists()).toBe(true)
    expect(new Set(buttons.map((button) => JSON.stringify(button)))).toEqual(
      new Set([JSON.stringify({ size: 'small' })]),
    )

    await cards[1]?.find('.el-checkbox input').setValue(true)
    expect(customers.selection.selected.value.map((item) => item.id)).toEqual([2])
  })

  it('says there are no customers yet, or that none matches the filters', async () => {
    onPhone(false)
    const first = await mountList([])
    expect(first.wrapper.find('.el-table__empty-text').text()).toBe(
      '还没有客户。药店用你的邀请码在商城注册后会出现在这里，也可以去公海领取',
    )
    first.wrapper.unmount()

    const filtered = await mountList([], '/customers?search=仁心')
    expect(filtered.wrapper.find('.el-table__empty-text').text()).toBe(
      '没有符合条件的记录，试试放宽筛选条件',
    )
  })

  it('keeps a search in the URL and asks again, registration days sent as instants', async () => {
    onPhone(false)
    const { wrapper, router, fetch } = await mountList(
      [customer(1, '仁心大药房')],
      '/customers?registered_since=2026-03-01&registered_until=2026-03-31',
    )
    expect(fetch).toHaveBeenLastCalledWith({
      page: 1,
      page_size: 20,
      registered_since: '2026-02-28T16:00:00.000Z',
      registered_until: '2026-03-31T16:00:00.000Z',
    })

    await wrapper.find('input[placeholder="单位名称、客户姓名、电话或后四位"]').setValue('仁心')
    await wrapper.find('form.filters').trigger('submit')
    await flushPromises()

    expect(router.currentRoute.value.query).toEqual({
      search: '仁心',
      registered_since: '2026-03-01',
      registered_until: '2026-03-31',
    })
    expect(fetch).toHaveBeenLastCalledWith(
      expect.objectContaining({ search: '仁心', registered_since: '2026-02-28T16:00:00.000Z' }),
    )
  })
})
