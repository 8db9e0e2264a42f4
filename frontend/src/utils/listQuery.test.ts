import { describe, expect, it } from 'vitest'

import {
  hasActiveFilters,
  orderingFromSort,
  parseListQuery,
  sortFromOrdering,
  toApiQuery,
  toRouteQuery,
} from './listQuery'

const defaults = { page: 1, pageSize: 20, ordering: '', filters: { search: '', kind: '' } }

describe('parseListQuery', () => {
  it('reads filters, page and ordering from the URL', () => {
    expect(
      parseListQuery(
        {
          search: '上海',
          kind: 'group',
          page: '3',
          page_size: '50',
          ordering: '-name',
          other: 'x',
        },
        defaults,
      ),
    ).toEqual({
      page: 3,
      pageSize: 50,
      ordering: '-name',
      filters: { search: '上海', kind: 'group' },
    })
  })
  it('falls back to defaults for missing or bad values', () => {
    expect(parseListQuery({ page: '-2', page_size: 'abc' }, defaults)).toEqual(defaults)
  })
  it('takes the first of repeated values', () => {
    expect(parseListQuery({ kind: ['group', 'company'] }, defaults).filters.kind).toBe('group')
  })
})

describe('toRouteQuery', () => {
  it('leaves out defaults and empty filters', () => {
    expect(toRouteQuery(defaults, defaults)).toEqual({})
    expect(
      toRouteQuery(
        { page: 2, pageSize: 20, ordering: 'name', filters: { search: '', kind: 'group' } },
        defaults,
      ),
    ).toEqual({ kind: 'group', ordering: 'name', page: '2' })
  })
})

describe('toApiQuery', () => {
  it('always sends page and size, and only filled filters', () => {
    expect(
      toApiQuery({ page: 1, pageSize: 20, ordering: '', filters: { search: '', kind: 'group' } }),
    ).toEqual({
      page: 1,
      page_size: 20,
      kind: 'group',
    })
  })
})

describe('ordering', () => {
  it('turns el-table sorting into the API ordering', () => {
    expect(orderingFromSort('name', 'ascending')).toBe('name')
    expect(orderingFromSort('created_at', 'descending')).toBe('-created_at')
    expect(orderingFromSort('name', null)).toBe('')
    expect(orderingFromSort(null, 'ascending')).toBe('')
  })
  it('turns the API ordering back into el-table sorting', () => {
    expect(sortFromOrdering('-created_at')).toEqual({ prop: 'created_at', order: 'descending' })
    expect(sortFromOrdering('name')).toEqual({ prop: 'name', order: 'ascending' })
    expect(sortFromOrdering('')).toBeUndefined()
  })
})

describe('hasActiveFilters', () => {
  it('is false while every filter has its default', () => {
    expect(hasActiveFilters({ search: '', kind: '' }, { search: '', kind: '' })).toBe(false)
    expect(hasActiveFilters({ type: 'gender' }, { type: 'gender' })).toBe(false)
  })

  it('is true once one filter differs', () => {
    expect(hasActiveFilters({ search: '', kind: 'group' }, { search: '', kind: '' })).toBe(true)
    expect(hasActiveFilters({ type: '' }, { type: 'gender' })).toBe(true)
  })
})
