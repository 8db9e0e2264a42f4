import { describe, expect, it } from 'vitest'

import { displayValue, isDefault, rangeText } from './parameterValue'

describe('displayValue', () => {
  it('reads booleans as yes/no', () => {
    expect(displayValue({ kind: 'boolean' }, true, '是', '否')).toBe('是')
    expect(displayValue({ kind: 'boolean' }, false, '是', '否')).toBe('否')
  })
  it('shows numbers and strings as they are', () => {
    expect(displayValue({ kind: 'integer' }, 90, '是', '否')).toBe('90')
    expect(displayValue({ kind: 'string' }, '每日', '是', '否')).toBe('每日')
  })
})

describe('rangeText', () => {
  it('names both bounds, one bound, or none', () => {
    expect(rangeText({ minimum: 1, maximum: 365 })).toBe('1 ~ 365')
    expect(rangeText({ minimum: 0, maximum: null })).toBe('≥ 0')
    expect(rangeText({ minimum: null, maximum: 30 })).toBe('≤ 30')
    expect(rangeText({ minimum: null, maximum: null })).toBe('')
  })
})

describe('isDefault', () => {
  it('compares with the default exactly', () => {
    expect(isDefault({ value: 90, default: 90 }, 90)).toBe(true)
    expect(isDefault({ value: 90, default: 90 }, 60)).toBe(false)
    expect(isDefault({ value: false, default: true }, false)).toBe(false)
  })
})
