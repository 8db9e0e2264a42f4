import type { CustomerStatus, Ownership } from '@/api/types'
import type { TagType } from '@/utils/labels'

export const CUSTOMER_STATUSES: readonly CustomerStatus[] = ['none', 'active', 'warning', 'lost']

const STATUS_TAGS: Record<CustomerStatus, TagType> = {
  none: 'info',
  active: 'success',
  warning: 'warning',
  lost: 'danger',
}

/** 正常 green, 流失预警 amber, 已流失 red, 未成交 (and anything unknown) grey. */
export function customerStatusTagType(status: string): TagType {
  return Object.prototype.hasOwnProperty.call(STATUS_TAGS, status)
    ? STATUS_TAGS[status as CustomerStatus]
    : 'info'
}

/** A `tel:` link a phone dials in one tap: digits and a leading +, nothing else. */
export function telHref(phone: string): string {
  const trimmed = phone.trim()
  const digits = trimmed.replace(/\D/g, '')
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`
}

/** A masked value (138****8001) cannot be dialled or mailed. */
export function isMasked(value: string | null | undefined): boolean {
  return !value || value.includes('*')
}

/** Reassignment and release reasons are two dictionary types. */
export type ReasonType = 'reassignment_reason' | 'release_reason'

export interface OwnershipEntry {
  period: Ownership
  current: boolean
  /** The dictionary type of `reason_code`: only an assignment has one. */
  reasonType: ReasonType | null
  /** The dictionary type of `end_reason_code`. */
  endReasonType: ReasonType | null
}

/**
 * The ownership timeline (newest first) with the dictionary each reason comes from: the
 * API says how a period ended (`end_kind`): reassigned (a reassignment reason) or
 * released to the pool (a release reason). Labels are read client-side, in the UI's language.
 */
export function ownershipEntries(periods: readonly Ownership[]): OwnershipEntry[] {
  return periods.map((period) => ({
    period,
    current: !period.ended_at,
    reasonType: period.reason_code ? 'reassignment_reason' : null,
    endReasonType: period.end_reason_code
      ? period.end_kind === 'reassigned'
        ? 'reassignment_reason'
        : 'release_reason'
      : null,
  }))
}
