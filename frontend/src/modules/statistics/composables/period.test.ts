import { describe, expect, it } from 'vitest'

import {
  addDays,
  bucketLabel,
  fromPickerRange,
  isDay,
  presetPeriod,
  resolvePeriod,
  suggestedGrain,
  toPickerRange,
  trendGrain,
  usableGrain,
} from './period'

describe('presetPeriod', () => {
  it('cuts each shortcut into whole days, the end being the day after', () => {
    const today = '2026-12-01'
    expect(presetPeriod('today', today)).toEqual({ start: '2026-12-01', end: '2026-12-02' })
    expect(presetPeriod('this_week', today)).toEqual({ start: '2026-11-30', end: '2026-12-07' })
    expect(presetPeriod('this_month', today)).toEqual({ start: '2026-12-01', end: '2027-01-01' })
    expect(presetPeriod('last_month', today)).toEqual({ start: '2026-11-01', end: '2026-12-01' })
    expect(presetPeriod('this_quarter', today)).toEqual({ start: '2026-10-01', end: '2027-01-01' })
    expect(presetPeriod('this_year', today)).toEqual({ start: '2026-01-01', end: '2027-01-01' })
    expect(presetPeriod('last_30_days', today)).toEqual({ start: '2026-11-02', end: '2026-12-02' })
    expect(presetPeriod('last_12_months', today)).toEqual({
      start: '2025-12-02',
      end: '2026-12-02',
    })
    expect(presetPeriod('last_3_years', today)).toEqual({ start: '2023-12-02', end: '2026-12-02' })
  })

  it('reaches back whole years from the day after today, a missing 29 February being 1 March', () => {
    expect(presetPeriod('last_12_months', '2028-02-28')).toEqual({
      start: '2027-03-01',
      end: '2028-02-29',
    })
    expect(presetPeriod('last_3_years', '2026-12-31')).toEqual({
      start: '2024-01-01',
      end: '2027-01-01',
    })
  })

  it('starts a week on Monday, also from a Sunday and across a year', () => {
    expect(presetPeriod('this_week', '2026-03-15')).toEqual({
      start: '2026-03-09',
      end: '2026-03-16',
    })
    expect(presetPeriod('this_week', '2026-01-01')).toEqual({
      start: '2025-12-29',
      end: '2026-01-05',
    })
  })

  it('steps back over a year end for last month and over February for 30 days', () => {
    expect(presetPeriod('last_month', '2026-01-20')).toEqual({
      start: '2025-12-01',
      end: '2026-01-01',
    })
    expect(presetPeriod('this_quarter', '2026-02-10')).toEqual({
      start: '2026-01-01',
      end: '2026-04-01',
    })
    expect(presetPeriod('last_30_days', '2026-03-15')).toEqual({
      start: '2026-02-14',
      end: '2026-03-16',
    })
  })
})

describe('resolvePeriod', () => {
  const today = '2026-12-01'

  it('takes custom days when they make a period', () => {
    expect(
      resolvePeriod({ period: 'custom', start: '2026-02-01', end: '2026-05-01' }, today),
    ).toEqual({ start: '2026-02-01', end: '2026-05-01' })
  })

  it('falls back to this month for half a custom period, a reversed one or an unknown name', () => {
    const thisMonth = { start: '2026-12-01', end: '2027-01-01' }
    expect(resolvePeriod({ period: 'custom', start: '2026-02-01', end: '' }, today)).toEqual(
      thisMonth,
    )
    expect(
      resolvePeriod({ period: 'custom', start: '2026-05-01', end: '2026-02-01' }, today),
    ).toEqual(thisMonth)
    expect(resolvePeriod({ period: 'fortnight', start: '', end: '' }, today)).toEqual(thisMonth)
  })

  it('ignores custom days under a shortcut', () => {
    expect(
      resolvePeriod({ period: 'today', start: '2026-02-01', end: '2026-05-01' }, today),
    ).toEqual({ start: '2026-12-01', end: '2026-12-02' })
  })
})

describe('grains', () => {
  it('suggests days up to two months, weeks up to half a year, months beyond', () => {
    expect(suggestedGrain({ start: '2026-11-01', end: '2027-01-01' })).toBe('day')
    expect(suggestedGrain({ start: '2026-10-01', end: '2027-01-01' })).toBe('week')
    expect(suggestedGrain({ start: '2026-01-01', end: '2027-01-01' })).toBe('month')
  })

  it('asks for months instead of days over three years, which the API refuses', () => {
    expect(usableGrain('day', { start: '2022-01-01', end: '2026-03-01' })).toBe('month')
    expect(usableGrain('day', { start: '2024-01-01', end: '2026-03-01' })).toBe('day')
    expect(usableGrain('quarter', { start: '2022-01-01', end: '2026-03-01' })).toBe('quarter')
    expect(usableGrain('fortnight', { start: '2026-01-01', end: '2026-03-01' })).toBe('day')
  })

  it('draws a trend by month, or by day inside one month', () => {
    expect(trendGrain({ start: '2026-12-01', end: '2027-01-01' })).toBe('day')
    expect(trendGrain({ start: '2026-11-20', end: '2026-12-02' })).toBe('month')
    expect(trendGrain({ start: '2026-01-01', end: '2027-01-01' })).toBe('month')
  })
})

describe('days', () => {
  it('knows a real day from a typo', () => {
    expect(isDay('2026-02-28')).toBe(true)
    expect(isDay('2026-02-30')).toBe(false)
    expect(isDay('2026-2-1')).toBe(false)
    expect(isDay('')).toBe(false)
  })

  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })

  it('shows the picker the last day and keeps the day after it', () => {
    expect(toPickerRange({ start: '2026-02-01', end: '2026-03-01' })).toEqual([
      '2026-02-01',
      '2026-02-28',
    ])
    expect(fromPickerRange(['2026-02-01', '2026-02-28'])).toEqual({
      start: '2026-02-01',
      end: '2026-03-01',
    })
  })

  it('names buckets by their grain', () => {
    const bucket = { start: '2026-11-02' }
    expect(bucketLabel(bucket, 'day')).toBe('2026-11-02')
    expect(bucketLabel(bucket, 'week')).toBe('2026-11-02')
    expect(bucketLabel(bucket, 'month')).toBe('2026-11')
    expect(bucketLabel(bucket, 'quarter')).toBe('2026 Q4')
    expect(bucketLabel(bucket, 'year')).toBe('2026')
  })
})
