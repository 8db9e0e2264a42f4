import { describe, expect, it } from 'vitest'

import { ApiError } from '@/api/client'

import { errorText, fieldErrors } from './errors'

const messages: Record<string, string> = {
  'errors.invalid_credentials': '用户名或密码错误',
  'errors.request_failed': '请求失败',
}
const t = (key: string) => messages[key] ?? key
const te = (key: string) => key in messages

describe('errorText', () => {
  it('prefers our translation of the code', () => {
    const error = new ApiError(400, {
      code: 'invalid_credentials',
      message: 'server says',
      fields: {},
    })
    expect(errorText(error, t, te)).toBe('用户名或密码错误')
  })
  it('falls back to the server message, which carries specifics', () => {
    const error = new ApiError(403, {
      code: 'login_locked',
      message: '账号已锁定，请 15 分钟后再试',
      fields: {},
    })
    expect(errorText(error, t, te)).toBe('账号已锁定，请 15 分钟后再试')
  })
  it('has something to say for anything else', () => {
    expect(errorText(new Error('boom'), t, te)).toBe('请求失败')
  })
})

describe('fieldErrors', () => {
  it('joins each field’s messages', () => {
    const error = new ApiError(400, {
      code: 'validation_error',
      message: '输入有误',
      fields: { new_password: ['太短', '需要数字'], name: [] },
    })
    expect(fieldErrors(error)).toEqual({ new_password: '太短；需要数字' })
  })
})
