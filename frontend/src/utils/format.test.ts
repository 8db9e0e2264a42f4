import { describe, expect, it } from 'vitest'

import {
  businessToday,
  dayRangeToIso,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPercent,
} from './format'

// vite.config.ts runs tests with TZ=Asia/Shanghai, the users' time zone.
describe('formatDateTime', () => {
  it('shows minutes in local time', () => {
    expect(formatDateTime('2026-03-01T06:05:09Z')).toBe('2026-03-01 14:05')
  })
  it('pads single digits', () => {
    expect(formatDateTime('2026-01-02T03:04:00+08:00')).toBe('2026-01-02 03:04')
  })
  it('crosses the date line into the local day', () => {
    expect(formatDateTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30')
  })
  it('shows a dash for nothing or garbage', () => {
    expect(formatDateTime(null)).toBe('—')
    expect(formatDateTime(undefined)).toBe('—')
    expect(formatDateTime('')).toBe('—')
    expect(formatDateTime('not a date')).toBe('—')
  })
})

describe('formatDate', () => {
  it('shows the local date', () => {
    expect(formatDate('2026-03-01T15:59:00Z')).toBe('2026-03-01')
    expect(formatDate('2026-03-01T16:00:00Z')).toBe('2026-03-02')
  })
})

describe('formatNumber', () => {
  it('groups thousands', () => {
    expect(formatNumber(0)).toBe('0')
    expect(formatNumber(999)).toBe('999')
    expect(formatNumber(1000)).toBe('1,000')
    expect(formatNumber(1234567)).toBe('1,234,567')
  })
  it('keeps the asked decimals', () => {
    expect(formatNumber(1234567.5, 2)).toBe('1,234,567.50')
    expect(formatNumber('1234.567', 2)).toBe('1,234.57')
  })
  it('keeps the sign, but not for a rounded zero', () => {
    expect(formatNumber(-1234.5, 1)).toBe('-1,234.5')
    expect(formatNumber(-0.001, 2)).toBe('0.00')
  })
  it('shows a dash for nothing or garbage', () => {
    expect(formatNumber(null)).toBe('—')
    expect(formatNumber('abc')).toBe('—')
  })
})

describe('formatMoney', () => {
  it('writes yuan with two places', () => {
    expect(formatMoney('1234.5')).toBe('¥1,234.50')
    expect(formatMoney(0)).toBe('¥0.00')
    expect(formatMoney(-12)).toBe('-¥12.00')
    expect(formatMoney(null)).toBe('—')
  })
})

describe('dayRangeToIso', () => {
  it('covers whole local days, end exclusive', () => {
    expect(dayRangeToIso('2026-03-01', '2026-03-02')).toEqual({
      since: '2026-02-28T16:00:00.000Z',
      until: '2026-03-02T16:00:00.000Z',
    })
  })
})

describe('formatPercent', () => {
  it('shows a rate as a percentage with one decimal', () => {
    expect(formatPercent('0.5000')).toBe('50.0%')
    expect(formatPercent('1.0000')).toBe('100.0%')
    expect(formatPercent('0.3333')).toBe('33.3%')
    expect(formatPercent(0.0725)).toBe('7.3%')
    expect(formatPercent(12.5)).toBe('1,250.0%')
  })
  it('shows a dash for none (no customers developed)', () => {
    expect(formatPercent(null)).toBe('—')
    expect(formatPercent('')).toBe('—')
    expect(formatPercent('x')).toBe('—')
  })
})

describe('businessToday', () => {
  it('is the day in Asia/Shanghai, also in a browser on another zone', () => {
    const zone = process.env.TZ
    process.env.TZ = 'UTC'
    try {
      const evening = new Date('2026-12-07T17:00:00Z')
      expect(formatDate(evening)).toBe('2026-12-07') // the browser's own day, in UTC
      // 17:00 UTC is already the next day in China; the presets count from it, as the server does.
      expect(businessToday(evening)).toBe('2026-12-08')
      expect(businessToday(new Date('2026-12-07T15:59:59Z'))).toBe('2026-12-07')
      expect(businessToday(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
    } finally {
      process.env.TZ = zone
    }
  })
})
