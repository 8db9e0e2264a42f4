import type { ChurnCaseStatus } from '@/api/types'
import type { TagType } from '@/utils/labels'

import { addDays } from './followUpDates'

/** The tabs of 流失预警, in this order; 流失预警 (open) first. */
export const CHURN_STATUSES: readonly ChurnCaseStatus[] = [
  'open',
  'deferred',
  'confirmed',
  'recovered',
]

const STATUS_TAGS: Record<ChurnCaseStatus, TagType> = {
  open: 'warning',
  deferred: 'info',
  confirmed: 'danger',
  recovered: 'success',
}

/** 流失预警 amber, 暂缓流失 grey, 确认流失 red, 已恢复购买 green. */
export function churnStatusTagType(status: string): TagType {
  return Object.prototype.hasOwnProperty.call(STATUS_TAGS, status)
    ? STATUS_TAGS[status as ChurnCaseStatus]
    : 'info'
}

/** Cases still waiting for a decision: the owner may defer them, a supervisor confirm them. */
export function isUndecided(status: string): boolean {
  return status === 'open' || status === 'deferred'
}

const STEP_TAGS: Record<string, TagType> = {
  opened: 'warning',
  reopened: 'warning',
  deferred: 'primary',
  confirmed: 'danger',
  recovered: 'success',
}

/** The colour of a step of a case's timeline. */
export function churnStepTagType(action: string): TagType {
  return STEP_TAGS[action] ?? 'info'
}

/** The longest deferral the server takes: half a year (183 days). */
export const LONGEST_DEFERRAL_DAYS = 183

/** A deferral ends after today and within half a year: the days a date picker offers. */
export function deferBounds(today: Date = new Date()): { first: string; last: string } {
  return { first: addDays(today, 1), last: addDays(today, LONGEST_DEFERRAL_DAYS) }
}

/** For el-date-picker's `disabled-date`: a day outside the deferral bounds. */
export function isDeferDayRefused(day: Date, today: Date = new Date()): boolean {
  const { first, last } = deferBounds(today)
  const value = addDays(day, 0)
  return value < first || value > last
}
