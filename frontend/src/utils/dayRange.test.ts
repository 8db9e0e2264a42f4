import { describe, expect, it } from 'vitest'

import { fromDayRange, toDayRange, withDayRange } from './dayRange'

describe('toDayRange', () => {
  it('pairs both days', () => {
    expect(toDayRange('2026-03-01', '2026-03-07')).toEqual(['2026-03-01', '2026-03-07'])
  })

  it('is empty unless both days are set', () => {
    expect(toDayRange('2026-03-01', '')).toBeNull()
    expect(toDayRange('', '2026-03-07')).toBeNull()
    expect(toDayRange('', '')).toBeNull()
  })
})

describe('fromDayRange', () => {
  it('splits a picked range', () => {
    expect(fromDayRange(['2026-03-01', '2026-03-07'])).toEqual({
      since: '2026-03-01',
      until: '2026-03-07',
    })
  })

  it('empties both ends when cleared', () => {
    expect(fromDayRange(null)).toEqual({ since: '', until: '' })
  })
})

describe('withDayRange', () => {
  it('turns local days into instants covering the whole last day (Asia/Shanghai)', () => {
    expect(withDayRange({ since: '2026-03-01', until: '2026-03-07', page: 2 })).toEqual({
      page: 2,
      since: '2026-02-28T16:00:00.000Z',
      until: '2026-03-07T16:00:00.000Z',
    })
  })

  it('drops a half range', () => {
    expect(withDayRange({ since: '2026-03-01', kind: 'pull' })).toEqual({ kind: 'pull' })
  })

  it('converts a named pair of keys', () => {
    expect(
      withDayRange(
        { created_since: '2026-03-01', created_until: '2026-03-01', since: 'x' },
        'created_since',
        'created_until',
      ),
    ).toEqual({
      since: 'x',
      created_since: '2026-02-28T16:00:00.000Z',
      created_until: '2026-03-01T16:00:00.000Z',
    })
  })
})
