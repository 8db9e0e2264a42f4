import { describe, expect, it } from 'vitest'

import { findNode, flattenIds, withoutSubtree } from './tree'

interface Node {
  id: number
  name: string
  children: Node[]
}

const tree: Node[] = [
  {
    id: 1,
    name: '总公司',
    children: [
      {
        id: 2,
        name: '华东销售部',
        children: [
          { id: 3, name: '上海一组', children: [] },
          { id: 4, name: '上海二组', children: [] },
        ],
      },
      { id: 5, name: '售后部', children: [] },
    ],
  },
]

describe('withoutSubtree', () => {
  it('removes the node and its descendants', () => {
    expect(flattenIds(withoutSubtree(tree, 2))).toEqual([1, 5])
  })
  it('removes a leaf only', () => {
    expect(flattenIds(withoutSubtree(tree, 3))).toEqual([1, 2, 4, 5])
  })
  it('keeps everything for null', () => {
    expect(flattenIds(withoutSubtree(tree, null))).toEqual([1, 2, 3, 4, 5])
  })
  it('does not change the input', () => {
    withoutSubtree(tree, 2)
    expect(flattenIds(tree)).toEqual([1, 2, 3, 4, 5])
  })
})

describe('findNode', () => {
  it('finds a deep node', () => {
    expect(findNode(tree, 4)?.name).toBe('上海二组')
  })
  it('answers undefined for an unknown id', () => {
    expect(findNode(tree, 99)).toBeUndefined()
  })
})
