import { describe, expect, it } from 'vitest'

import { groupPermissions, labelOf } from './permissionGroups'

const catalog = [
  { code: 'org.view_department', name: '查看部门', name_en: 'View departments', group: '组织' },
  { code: 'accounts.view_user', name: '查看人员', name_en: 'View people', group: '人员' },
  { code: 'org.manage_department', name: '管理部门', name_en: '', group: '组织' },
]

describe('groupPermissions', () => {
  it('groups in order of first appearance, keeping item order', () => {
    expect(groupPermissions(catalog, 'zh-CN')).toEqual([
      {
        group: '组织',
        items: [
          { code: 'org.view_department', label: '查看部门' },
          { code: 'org.manage_department', label: '管理部门' },
        ],
      },
      { group: '人员', items: [{ code: 'accounts.view_user', label: '查看人员' }] },
    ])
  })

  it('uses English names, falling back to Chinese when one is missing', () => {
    const labels = groupPermissions(catalog, 'en').flatMap((group) =>
      group.items.map((item) => item.label),
    )
    expect(labels).toEqual(['View departments', '管理部门', 'View people'])
  })

  it('answers nothing for an empty catalog', () => {
    expect(groupPermissions([], 'zh-CN')).toEqual([])
  })
})

describe('labelOf', () => {
  it('picks the language', () => {
    expect(labelOf({ code: 'own', name: '本人', name_en: 'Own' }, 'zh-CN')).toBe('本人')
    expect(labelOf({ code: 'own', name: '本人', name_en: 'Own' }, 'en')).toBe('Own')
  })
})
