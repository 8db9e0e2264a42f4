import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, reactive } from 'vue'

import { i18n } from '@/locales'

import ReasonFields from './ReasonFields.vue'

const listEntries = vi.hoisted(() => vi.fn())
vi.mock('@/api/dictionary', () => ({ dictionaryApi: { listEntries } }))

const entry = (code: string, label: string, is_active = true) => ({
  id: 1,
  type: 'lost_reason',
  code,
  label,
  label_en: '',
  sort_order: 0,
  is_active,
  is_flagged: false,
})

/** The fields inside a form, as a dialog holds them, bound both ways to its values. */
function mountInForm(props: { dictionary: string; label?: string }, errors = {}) {
  const values = reactive({ code: '', text: '' })
  const Host = defineComponent({
    setup: () => () =>
      h(
        'form',
        h(ReasonFields, {
          ...props,
          errors,
          testid: 'confirm-reason',
          code: values.code,
          'onUpdate:code': (value: string) => (values.code = value),
          text: values.text,
          'onUpdate:text': (value: string) => (values.text = value),
        }),
      ),
  })
  const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  return { wrapper, values }
}

enableAutoUnmount(afterEach)
afterEach(() => {
  document.body.innerHTML = ''
})

describe('ReasonFields', () => {
  it('offers the active reasons of its dictionary type and keeps the one picked', async () => {
    listEntries.mockResolvedValueOnce({
      count: 3,
      results: [
        entry('competitor', '转向竞争对手'),
        entry('closed', '停业'),
        entry('moved', '搬迁', false),
      ],
    })
    const { values } = mountInForm({ dictionary: 'lost_reason_for_options' })
    await flushPromises()

    expect(listEntries).toHaveBeenCalledWith({
      type: 'lost_reason_for_options',
      page_size: 200,
      ordering: 'sort_order',
    })
    const options = [...document.querySelectorAll('.el-select-dropdown__item')]
    expect(options.map((option) => option.textContent?.trim())).toEqual(['转向竞争对手', '停业'])

    ;(options[1] as HTMLElement).click()
    await flushPromises()
    expect(values.code).toBe('closed')
  })

  it('keeps the note typed, on the test id beside the choice', async () => {
    listEntries.mockResolvedValueOnce({ count: 0, results: [] })
    const { wrapper, values } = mountInForm({ dictionary: 'release_reason_for_note' })

    expect(wrapper.find('[data-testid="confirm-reason"]').exists()).toBe(true)
    const note = wrapper.find('textarea[data-testid="confirm-reason-text"]')
    await note.setValue('改从同城批发商进货')

    expect(values.text).toBe('改从同城批发商进货')
    expect(note.attributes('maxlength')).toBe('255')
  })

  it("shows the server's errors under the choice and the note, and the label given", async () => {
    listEntries.mockResolvedValueOnce({ count: 0, results: [] })
    const { wrapper } = mountInForm(
      { dictionary: 'lost_reason_for_errors', label: '流失原因' },
      { reason_code: '请选择原因', reason: '最多 255 个字' },
    )
    // Element shows a form item's error after a 100 ms debounce.
    await vi.waitFor(() => expect(wrapper.findAll('.el-form-item__error')).toHaveLength(2))

    const items = wrapper.findAll('.el-form-item')
    expect(items).toHaveLength(2)
    expect(items[0]?.find('.el-form-item__label').text()).toBe('流失原因')
    expect(items[0]?.find('.el-form-item__error').text()).toBe('请选择原因')
    expect(items[0]?.classes()).toContain('is-required')
    expect(items[1]?.find('.el-form-item__label').text()).toBe('说明')
    expect(items[1]?.find('.el-form-item__error').text()).toBe('最多 255 个字')
  })

  it('names the reason 原因 unless told otherwise', () => {
    listEntries.mockResolvedValueOnce({ count: 0, results: [] })
    const { wrapper } = mountInForm({ dictionary: 'reassignment_reason_for_label' })

    expect(wrapper.findAll('.el-form-item__label').map((label) => label.text())).toEqual([
      '原因',
      '说明',
    ])
  })
})
