import { describe, expect, it } from 'vitest'

import type { Ownership } from '@/api/types'
import en from '@/locales/en'
import zhCN from '@/locales/zh-CN'

import {
  CUSTOMER_STATUSES,
  customerStatusTagType,
  isMasked,
  ownershipEntries,
  telHref,
} from './customerLabels'

describe('customer status', () => {
  it('colours 正常 green, 流失预警 amber, 已流失 red and 未成交 grey', () => {
    expect(CUSTOMER_STATUSES.map(customerStatusTagType)).toEqual([
      'info',
      'success',
      'warning',
      'danger',
    ])
    expect(customerStatusTagType('dormant')).toBe('info')
  })

  it('is named in both languages', () => {
    expect(CUSTOMER_STATUSES.map((status) => zhCN.customer.statuses[status])).toEqual([
      '未成交',
      '正常',
      '流失预警',
      '已流失',
    ])
    expect(CUSTOMER_STATUSES.map((status) => en.customer.statuses[status])).toEqual([
      'No purchase yet',
      'Active',
      'Churn warning',
      'Lost',
    ])
  })
})

describe('telHref', () => {
  it('dials the digits, keeping an international +', () => {
    expect(telHref('13800138001')).toBe('tel:13800138001')
    expect(telHref(' 138 0013-8001 ')).toBe('tel:13800138001')
    expect(telHref('+86 138 0013 8001')).toBe('tel:+8613800138001')
  })
})

describe('isMasked', () => {
  it('knows a masked or missing value', () => {
    expect(isMasked('138****8001')).toBe(true)
    expect(isMasked('')).toBe(true)
    expect(isMasked('13800138001')).toBe(false)
  })
})

const period = (overrides: Partial<Ownership>): Ownership => ({
  id: 1,
  owner: 7,
  owner_name: '李明',
  started_at: '2025-06-01T01:00:00Z',
  ended_at: null,
  source: 'invite_code',
  source_label: '邀请码绑定',
  reason_code: '',
  reason_label: '',
  reason: '',
  actor_name: '',
  end_kind: '',
  end_reason_code: '',
  end_reason_label: '',
  end_reason: '',
  ended_by_name: '',
  ...overrides,
})

describe('ownershipEntries', () => {
  it('takes a reassignment reason for a period the API says was reassigned', () => {
    const periods = [
      period({
        id: 2,
        owner_name: '张伟',
        started_at: '2026-03-01T01:00:00Z',
        source: 'assignment',
        reason_code: 'workload_balance',
      }),
      period({
        id: 1,
        ended_at: '2026-03-01T09:00:00+08:00',
        end_kind: 'reassigned',
        end_reason_code: 'workload_balance',
      }),
    ]
    expect(
      ownershipEntries(periods).map((entry) => [
        entry.period.id,
        entry.current,
        entry.reasonType,
        entry.endReasonType,
      ]),
    ).toEqual([
      [2, true, 'reassignment_reason', null],
      [1, false, null, 'reassignment_reason'],
    ])
  })

  it('takes a release reason for a period released to the pool', () => {
    const periods = [
      period({ id: 3, owner_name: '张伟', started_at: '2026-04-02T01:00:00Z', source: 'claim' }),
      period({
        id: 1,
        ended_at: '2026-04-01T01:00:00Z',
        end_kind: 'released',
        end_reason_code: 'no_contact',
      }),
    ]
    expect(ownershipEntries(periods)[1]?.endReasonType).toBe('release_reason')
    expect(
      ownershipEntries([
        period({
          ended_at: '2026-04-01T01:00:00Z',
          end_kind: 'released',
          end_reason_code: 'other',
        }),
      ])[0],
    ).toMatchObject({ current: false, endReasonType: 'release_reason' })
  })
})
