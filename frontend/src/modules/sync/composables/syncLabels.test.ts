import { describe, expect, it } from 'vitest'

import en from '@/locales/en'
import zhCN from '@/locales/zh-CN'

import {
  EVENT_STATUSES,
  RUN_KINDS,
  RUN_OUTCOMES,
  canCorrect,
  canReplay,
  errorEntries,
  eventStatusTagType,
  firstError,
  runOutcomeTagType,
  syncLabel,
  warningList,
} from './syncLabels'

type Tree = { [key: string]: string | Tree }

/** t/te over a messages object, as vue-i18n resolves dotted keys. */
function translator(messages: unknown) {
  const find = (key: string): string | undefined => {
    let node: unknown = messages
    for (const part of key.split('.')) {
      node = typeof node === 'object' && node !== null ? (node as Tree)[part] : undefined
    }
    return typeof node === 'string' ? node : undefined
  }
  return [(key: string) => find(key) ?? key, (key: string) => find(key) !== undefined] as const
}

const zh = translator(zhCN)
const english = translator(en)

describe('syncLabel', () => {
  it('names every event status in both languages', () => {
    expect(EVENT_STATUSES.map((status) => syncLabel('eventStatuses', status, ...zh))).toEqual([
      '待应用',
      '已应用',
      '等待关联数据',
      '已拒绝',
      '应用失败',
    ])
    expect(EVENT_STATUSES.map((status) => syncLabel('eventStatuses', status, ...english))).toEqual([
      'Pending',
      'Applied',
      'Waiting for related data',
      'Rejected',
      'Failed to apply',
    ])
  })

  it('names every run outcome and kind in both languages', () => {
    expect(RUN_OUTCOMES.map((outcome) => syncLabel('runOutcomes', outcome, ...zh))).toEqual([
      '进行中',
      '成功',
      '部分拒绝',
      '拒收',
      '失败',
    ])
    expect(RUN_OUTCOMES.map((outcome) => syncLabel('runOutcomes', outcome, ...english))).toEqual([
      'Running',
      'Succeeded',
      'Partly rejected',
      'Refused',
      'Failed',
    ])
    expect(RUN_KINDS.map((kind) => syncLabel('runKinds', kind, ...zh))).toEqual([
      '实时推送',
      '定时对账',
      '全量导入',
      '重放',
    ])
    expect(RUN_KINDS.map((kind) => syncLabel('runKinds', kind, ...english))).toEqual([
      'Webhook',
      'Reconciliation',
      'Full import',
      'Replay',
    ])
  })

  it('shows a code it does not know as it is', () => {
    expect(syncLabel('eventStatuses', 'archived', ...zh)).toBe('archived')
  })
})

describe('tag types', () => {
  it('colours event statuses: applied green, parked amber, rejected and failed red', () => {
    expect(EVENT_STATUSES.map(eventStatusTagType)).toEqual([
      'info',
      'success',
      'warning',
      'danger',
      'danger',
    ])
    expect(eventStatusTagType('archived')).toBe('info')
  })

  it('colours run outcomes: partial amber, refused and failed red', () => {
    expect(RUN_OUTCOMES.map(runOutcomeTagType)).toEqual([
      'primary',
      'success',
      'warning',
      'danger',
      'danger',
    ])
    expect(runOutcomeTagType('unknown')).toBe('info')
  })
})

describe('actions by status', () => {
  it('corrects rejected events only and replays what did not apply by itself', () => {
    expect(EVENT_STATUSES.filter(canCorrect)).toEqual(['rejected'])
    expect(EVENT_STATUSES.filter(canReplay)).toEqual(['parked', 'rejected', 'failed'])
  })
})

describe('errors and warnings', () => {
  const errors = {
    'data.total_amount': ['与明细合计不符：应为 120.00'],
    'data.items.0.quantity': ['必须大于 0', '必须是整数'],
  }

  it('lists errors by field and names the first for the table', () => {
    expect(errorEntries(errors)).toEqual([
      { field: 'data.total_amount', messages: ['与明细合计不符：应为 120.00'] },
      { field: 'data.items.0.quantity', messages: ['必须大于 0', '必须是整数'] },
    ])
    expect(firstError(errors)).toBe('data.total_amount: 与明细合计不符：应为 120.00')
  })

  it('reads nothing from empty or odd shapes', () => {
    expect(errorEntries({})).toEqual([])
    expect(errorEntries(null)).toEqual([])
    expect(errorEntries(['x'])).toEqual([])
    expect(errorEntries({ event: '每个事件必须是 JSON 对象' })).toEqual([
      { field: 'event', messages: ['每个事件必须是 JSON 对象'] },
    ])
    expect(firstError(undefined)).toBe('')
    expect(warningList(['忽略合同之外的字段：vip_level'])).toEqual([
      '忽略合同之外的字段：vip_level',
    ])
    expect(warningList(undefined)).toEqual([])
  })
})
