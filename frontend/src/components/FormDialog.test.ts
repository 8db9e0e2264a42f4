import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'

import { i18n } from '@/locales'
import { onPhone } from '@/testing'

import FormDialog from './FormDialog.vue'

async function mountDialog(props: Record<string, unknown> = {}) {
  const wrapper = mount(FormDialog, {
    props: {
      modelValue: true,
      title: '退回公海 · 仁心大药房',
      width: '440px',
      loading: false,
      saveTestid: 'release-save',
      ...props,
    },
    slots: {
      intro: '<p class="intro">仁心大药房、康宁药店</p>',
      default: '<input class="field" name="reason" />',
    },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

const dialog = () => document.querySelector<HTMLElement>('.el-dialog')
const button = (name: string) =>
  [...document.querySelectorAll<HTMLButtonElement>('.el-dialog__footer button')].find(
    (element) => element.textContent?.trim() === name,
  )

enableAutoUnmount(afterEach)
afterEach(() => {
  document.body.innerHTML = ''
})

describe('FormDialog', () => {
  it('shows its title, then what it is about, then the form with its fields', async () => {
    onPhone(false)
    await mountDialog()

    expect(dialog()?.querySelector('.el-dialog__title')?.textContent).toBe('退回公海 · 仁心大药房')
    const body = dialog()?.querySelector('.el-dialog__body')
    expect(body?.firstElementChild?.className).toBe('intro')
    expect(body?.querySelector('form.el-form--label-top input.field')).not.toBeNull()
  })

  it('saves from the save button and from Enter in the form', async () => {
    onPhone(false)
    const wrapper = await mountDialog()

    document.querySelector<HTMLElement>('[data-testid="release-save"]')?.click()
    dialog()
      ?.querySelector('form')
      ?.dispatchEvent(new Event('submit', { cancelable: true }))

    expect(wrapper.emitted('save')).toHaveLength(2)
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
  })

  it('closes on cancel without saving', async () => {
    onPhone(false)
    const wrapper = await mountDialog()

    button('取消')?.click()

    expect(wrapper.emitted('update:modelValue')).toEqual([[false]])
    expect(wrapper.emitted('save')).toBeUndefined()
  })

  it('keeps the save button off while the form cannot be saved', async () => {
    onPhone(false)
    await mountDialog({ disabled: true })
    expect(button('保存')?.disabled).toBe(true)
  })

  it('shows the save under way', async () => {
    onPhone(false)
    await mountDialog({ loading: true })
    expect(button('保存')?.classList).toContain('is-loading')
  })

  it("fills a phone's screen when asked to", async () => {
    onPhone(true)
    await mountDialog({ phoneFullscreen: true })
    expect(dialog()?.classList).toContain('is-fullscreen')
  })

  it('keeps its width on a phone unless asked, and on a wide screen always', async () => {
    onPhone(true)
    const onPhoneNotAsked = await mountDialog({ phoneFullscreen: false })
    expect(dialog()?.classList).not.toContain('is-fullscreen')
    onPhoneNotAsked.unmount()

    onPhone(false)
    await mountDialog({ phoneFullscreen: true })
    expect(dialog()?.classList).not.toContain('is-fullscreen')
  })
})
