import { describe, expect, it, vi } from 'vitest'

import { ApiError } from '@/api/client'

import { useFormSubmit } from './useFormSubmit'

const messages = vi.hoisted(() => ({ error: vi.fn() }))
vi.mock('element-plus/es', () => ({ ElMessage: messages }))
vi.mock('./useAction', () => ({
  useAction: () => ({ describe: (error: unknown) => `described: ${String(error)}` }),
}))

describe('useFormSubmit', () => {
  it('hands the result on and clears earlier errors', async () => {
    const { errors, saving, submit } = useFormSubmit()
    errors.value = { name: 'old' }
    const seen: string[] = []
    let savingDuringAction = false

    await submit(
      async () => {
        savingDuringAction = saving.value
        return 'saved'
      },
      (result) => seen.push(result),
    )

    expect(seen).toEqual(['saved'])
    expect(savingDuringAction).toBe(true)
    expect(saving.value).toBe(false)
    expect(errors.value).toEqual({})
  })

  it('puts the field errors under their fields and says what went wrong', async () => {
    messages.error.mockClear()
    const { errors, saving, submit } = useFormSubmit()
    const error = new ApiError(400, {
      code: 'invalid',
      message: 'Invalid input',
      fields: { name: ['太长', '重复'] },
    })
    const onSuccess = vi.fn()

    await submit(() => Promise.reject(error), onSuccess)

    expect(onSuccess).not.toHaveBeenCalled()
    expect(errors.value).toEqual({ name: '太长；重复' })
    expect(saving.value).toBe(false)
    expect(messages.error).toHaveBeenCalledWith(`described: ${String(error)}`)
  })
})
