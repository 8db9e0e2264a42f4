import { describe, expect, it } from 'vitest'

import en from '@/locales/en'
import zhCN from '@/locales/zh-CN'

import {
  CHURN_STATUSES,
  churnStatusTagType,
  churnStepTagType,
  deferBounds,
  isDeferDayRefused,
  isUndecided,
} from './churnLabels'

describe('churn statuses', () => {
  it('are the tabs, named in both languages', () => {
    expect(CHURN_STATUSES.map((status) => zhCN.churn.statuses[status])).toEqual([
      '流失预警',
      '暂缓流失',
      '确认流失',
      '已恢复购买',
    ])
    expect(CHURN_STATUSES.map((status) => en.churn.statuses[status])).toEqual([
      'Churn warning',
      'Deferred',
      'Confirmed lost',
      'Buying again',
    ])
  })

  it('colour a warning amber, a deferral grey, a loss red and a recovery green', () => {
    expect(CHURN_STATUSES.map(churnStatusTagType)).toEqual(['warning', 'info', 'danger', 'success'])
    expect(churnStatusTagType('archived')).toBe('info')
  })

  it('wait for a decision while open or deferred', () => {
    expect(CHURN_STATUSES.filter(isUndecided)).toEqual(['open', 'deferred'])
  })

  it('name and colour every step of a case', () => {
    const actions = ['opened', 'deferred', 'reopened', 'confirmed', 'recovered'] as const
    expect(actions.map((action) => zhCN.churn.steps[action])).toEqual([
      '进入流失预警',
      '暂缓流失',
      '暂缓到期，重新预警',
      '确认流失',
      '恢复购买',
    ])
    expect(actions.map(churnStepTagType)).toEqual([
      'warning',
      'primary',
      'warning',
      'danger',
      'success',
    ])
    expect(churnStepTagType('unknown')).toBe('info')
  })
})

describe('deferral dates', () => {
  const today = new Date('2026-07-15T09:30:00+08:00')

  it('run from tomorrow to half a year on', () => {
    expect(deferBounds(today)).toEqual({ first: '2026-07-16', last: '2027-01-14' })
  })

  it('refuse today, the past and beyond half a year', () => {
    expect(isDeferDayRefused(new Date(2026, 6, 15), today)).toBe(true)
    expect(isDeferDayRefused(new Date(2026, 6, 16), today)).toBe(false)
    expect(isDeferDayRefused(new Date(2027, 0, 14), today)).toBe(false)
    expect(isDeferDayRefused(new Date(2027, 0, 15), today)).toBe(true)
  })
})
