import { describe, expect, it } from 'vitest'

import { codeLabel } from './labels'

const messages: Record<string, string> = { 'customer.statuses.warning': '流失预警' }
const t = (key: string) => messages[key] ?? key
const te = (key: string) => key in messages

describe('codeLabel', () => {
  it('translates a known code, shows an unknown one as it is, and nothing as empty', () => {
    expect(codeLabel('customer.statuses', 'warning', t, te)).toBe('流失预警')
    expect(codeLabel('customer.statuses', 'dormant', t, te)).toBe('dormant')
    expect(codeLabel('customer.statuses', '', t, te)).toBe('')
  })
})
