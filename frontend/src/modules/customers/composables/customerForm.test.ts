import { describe, expect, it } from 'vitest'

import type { CustomerDetail } from '@/api/types'

import {
  customerChanges,
  customerCreateBody,
  customerFormFrom,
  emptyCustomerForm,
} from './customerForm'

const customer = {
  id: 9,
  company_name: '新开药房',
  contact_name: '王芳',
  phone: '13800000009',
  email: 'w***@example.cn',
  id_number: '',
  business_license_no: '',
  pharmacy_type: 'single',
  province: '上海市',
  city: '上海市',
  district: '',
  address: '',
} as CustomerDetail

describe('customerFormFrom', () => {
  it('starts a masked field empty, remembering what was shown', () => {
    const start = customerFormFrom(customer)
    expect(start.values.phone).toBe('13800000009')
    expect(start.values.email).toBe('')
    expect(start.masked).toEqual({ email: 'w***@example.cn' })
  })
})

describe('customerChanges', () => {
  it('sends only what was changed, never a masked value left alone', () => {
    const start = customerFormFrom(customer).values
    const values = { ...start, company_name: ' 新开大药房 ', district: '浦东新区' }
    expect(customerChanges(start, values)).toEqual({
      company_name: '新开大药房',
      district: '浦东新区',
    })
    expect(customerChanges(start, { ...start })).toEqual({})
    expect(customerChanges(start, { ...start, email: 'wang@example.cn' })).toEqual({
      email: 'wang@example.cn',
    })
  })
})

describe('customerCreateBody', () => {
  it('leaves out empty fields and names another owner only when chosen', () => {
    const values = {
      ...emptyCustomerForm(),
      company_name: '新开药房',
      contact_name: '王芳',
      phone: ' 13800000009 ',
    }
    expect(customerCreateBody(values, null)).toEqual({
      company_name: '新开药房',
      contact_name: '王芳',
      phone: '13800000009',
    })
    expect(customerCreateBody(values, 7)).toMatchObject({ owner: 7 })
  })
})
