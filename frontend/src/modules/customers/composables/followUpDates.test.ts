import { describe, expect, it } from 'vitest'

import { addDays, daysOverdue, quickPickDate, quickPickOf } from './followUpDates'

// A Wednesday evening in Shanghai (the tests run with TZ=Asia/Shanghai).
const today = new Date('2026-03-04T21:30:00+08:00')

describe('quick picks of the next follow-up', () => {
  it('give tomorrow, three days on, a week on, or no date', () => {
    expect(quickPickDate('tomorrow', today)).toBe('2026-03-05')
    expect(quickPickDate('3days', today)).toBe('2026-03-07')
    expect(quickPickDate('week', today)).toBe('2026-03-11')
    expect(quickPickDate('none', today)).toBeNull()
  })

  it('cross months and years in local days', () => {
    expect(addDays(new Date('2026-12-30T23:50:00+08:00'), 3)).toBe('2027-01-02')
    expect(addDays(new Date('2026-02-28T00:10:00+08:00'), 1)).toBe('2026-03-01')
  })

  it('know which shortcut a date is', () => {
    expect(quickPickOf('2026-03-07', today)).toBe('3days')
    expect(quickPickOf(null, today)).toBe('none')
    expect(quickPickOf('2026-03-20', today)).toBeNull()
  })
})

describe('daysOverdue', () => {
  it('counts whole local days past the date', () => {
    expect(daysOverdue('2026-03-04', today)).toBe(0)
    expect(daysOverdue('2026-03-01', today)).toBe(3)
    expect(daysOverdue('2026-03-05', today)).toBe(-1)
    expect(daysOverdue(null, today)).toBe(0)
  })
})
