import { describe, expect, it } from 'vitest'

import { importCounts, importTemplateCsv } from './importTemplate'

describe('importTemplateCsv', () => {
  it('holds the Chinese headers the import reads, after a byte-order mark for Excel', () => {
    expect(importTemplateCsv()).toBe(
      '\uFEFF单位名称,药店类型,客户姓名,联系电话,电子邮箱,身份证号,营业执照号,省份,城市,区县,地址,归属销售\r\n',
    )
  })
})

describe('importCounts', () => {
  it('counts the good rows and the bad', () => {
    expect(importCounts({ total: 15, error_count: 3 })).toEqual({ total: 15, good: 12, errors: 3 })
  })
})
