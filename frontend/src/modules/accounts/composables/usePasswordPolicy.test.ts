import { describe, expect, it } from 'vitest'

import { policyHints } from './usePasswordPolicy'

describe('policyHints', () => {
  it('lists every rule the policy requires', () => {
    expect(
      policyHints({
        min_length: 10,
        require_letter: true,
        require_digit: true,
        require_special: true,
      }),
    ).toEqual([
      { key: 'auth.policyMinLength', params: { count: 10 } },
      { key: 'auth.policyLetter' },
      { key: 'auth.policyDigit' },
      { key: 'auth.policySpecial' },
    ])
  })

  it('always names the minimum length, and only that when nothing else is required', () => {
    expect(
      policyHints({
        min_length: 8,
        require_letter: false,
        require_digit: false,
        require_special: false,
      }),
    ).toEqual([{ key: 'auth.policyMinLength', params: { count: 8 } }])
  })
})
