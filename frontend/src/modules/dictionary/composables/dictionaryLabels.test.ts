import { describe, expect, it } from 'vitest'

import { dictionaryLabel, dictionaryOptions } from './dictionaryLabels'

const reasons = [
  { code: 'workload_balance', label: '工作量平衡', label_en: 'Workload balance', is_active: true },
  { code: 'rep_left', label: '销售员离职', label_en: '', is_active: true },
  { code: 'old_reason', label: '旧原因', label_en: 'Old reason', is_active: false },
]

describe('dictionaryLabel', () => {
  it('names a code in the chosen language, English falling back to Chinese', () => {
    expect(dictionaryLabel(reasons, 'workload_balance', 'zh-CN')).toBe('工作量平衡')
    expect(dictionaryLabel(reasons, 'workload_balance', 'en')).toBe('Workload balance')
    expect(dictionaryLabel(reasons, 'rep_left', 'en')).toBe('销售员离职')
  })

  it('still names a stopped entry, shows an unknown code as it is, and nothing as empty', () => {
    expect(dictionaryLabel(reasons, 'old_reason', 'zh-CN')).toBe('旧原因')
    expect(dictionaryLabel(reasons, 'mystery', 'zh-CN')).toBe('mystery')
    expect(dictionaryLabel(reasons, '', 'zh-CN')).toBe('')
    expect(dictionaryLabel(reasons, null, 'zh-CN')).toBe('')
  })
})

describe('dictionaryOptions', () => {
  it('offers the active entries only', () => {
    expect(dictionaryOptions(reasons, 'en')).toEqual([
      { value: 'workload_balance', label: 'Workload balance' },
      { value: 'rep_left', label: '销售员离职' },
    ])
  })
})
