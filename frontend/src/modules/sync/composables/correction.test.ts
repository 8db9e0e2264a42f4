import { describe, expect, it } from 'vitest'

import { maskedFields, parsePayload, prettyPayload } from './correction'

const event = {
  id: 'evt_4',
  type: 'order.created',
  occurred_at: '2026-03-01T09:30:00+08:00',
  data: { order_id: 'O100', total_amount: '120.00' },
}

describe('parsePayload', () => {
  it('accepts one JSON object', () => {
    expect(parsePayload(prettyPayload(event))).toEqual({ ok: true, payload: event })
  })

  it('refuses empty text, arrays and plain values', () => {
    expect(parsePayload('  \n')).toEqual({ ok: false, reason: 'empty' })
    expect(parsePayload('[1, 2]')).toEqual({ ok: false, reason: 'not_object' })
    expect(parsePayload('"evt_4"')).toEqual({ ok: false, reason: 'not_object' })
    expect(parsePayload('null')).toEqual({ ok: false, reason: 'not_object' })
  })

  it('points at the line and column of a syntax error', () => {
    // The detail is the JavaScript engine's own wording, so only its presence is checked.
    const result = parsePayload('{\n  "id": "evt_4",\n}')
    expect(result).toMatchObject({ ok: false, reason: 'syntax', line: 3, column: 1 })
    expect(result.ok === false && result.reason === 'syntax' && result.detail.length > 0).toBe(true)
  })
})

describe('prettyPayload', () => {
  it('indents by two spaces', () => {
    expect(prettyPayload({ id: 'evt_4', data: { n: 1 } })).toBe(
      '{\n  "id": "evt_4",\n  "data": {\n    "n": 1\n  }\n}',
    )
    expect(prettyPayload(null)).toBe('{}')
  })
})

describe('maskedFields', () => {
  it('names sensitive values shown masked, so saving would not store the mask unnoticed', () => {
    const payload = {
      ...event,
      type: 'customer.registered',
      data: { phone: '138****8000', email: 'w***@example.com', id_number: '110101199001011234' },
    }
    expect(maskedFields(payload)).toEqual(['data.phone', 'data.email'])
    expect(maskedFields(event)).toEqual([])
    expect(maskedFields({ id: 'evt_1' })).toEqual([])
  })
})
