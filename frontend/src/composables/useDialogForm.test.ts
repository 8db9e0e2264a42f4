import { describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'

import { ApiError } from '@/api/client'

import { useDialogForm } from './useDialogForm'

const messages = vi.hoisted(() => ({ error: vi.fn() }))
vi.mock('element-plus/es', () => ({ ElMessage: messages }))
vi.mock('./useAction', () => ({
  useAction: () => ({ describe: (error: unknown) => `described: ${String(error)}` }),
}))

const blank = () => ({ reason_code: '', reason: '', owner: null as number | null })

describe('useDialogForm', () => {
  it('starts afresh each time the dialog opens, without the last errors', async () => {
    const open = ref(false)
    const { form, errors } = useDialogForm(open, blank)
    open.value = true
    await nextTick()
    Object.assign(form, { reason_code: 'workload_balance', reason: '调岗', owner: 7 })
    errors.value = { reason_code: '无效的原因' }

    open.value = false
    await nextTick()
    expect(form).toEqual({ reason_code: 'workload_balance', reason: '调岗', owner: 7 })

    open.value = true
    await nextTick()
    expect(form).toEqual({ reason_code: '', reason: '', owner: null })
    expect(errors.value).toEqual({})
  })

  it('closes the dialog on success and then hands the result on', async () => {
    const open = ref(true)
    const { submit, saving } = useDialogForm(open, blank)
    const seen: { result: string; openAtThatTime: boolean }[] = []

    await submit(
      async () => 'saved',
      (result) => seen.push({ result, openAtThatTime: open.value }),
    )

    expect(seen).toEqual([{ result: 'saved', openAtThatTime: false }])
    expect(saving.value).toBe(false)
  })

  it('stays open with the field errors when the server refuses', async () => {
    messages.error.mockClear()
    const open = ref(true)
    const { submit, errors } = useDialogForm(open, blank)
    const error = new ApiError(400, {
      code: 'invalid',
      message: 'Invalid input',
      fields: { reason_code: ['无效的原因'] },
    })
    const onSaved = vi.fn()

    await submit(() => Promise.reject(error), onSaved)

    expect(open.value).toBe(true)
    expect(onSaved).not.toHaveBeenCalled()
    expect(errors.value).toEqual({ reason_code: '无效的原因' })
    expect(messages.error).toHaveBeenCalledWith(`described: ${String(error)}`)
  })
})
