import type { paths } from './schema'
import { api, unwrap } from './client'
import type { CustomerAssign, CustomerRelease, Query, SensitiveField } from './types'

type CustomerQuery = NonNullable<paths['/api/v1/customers/']['get']['parameters']['query']>
type PoolQuery = NonNullable<paths['/api/v1/customer-pool/']['get']['parameters']['query']>

const byId = (id: number) => ({ params: { path: { id } } })

export const customersApi = {
  listCustomers: (query: Query) =>
    unwrap(api.GET('/api/v1/customers/', { params: { query: query as CustomerQuery } })),
  getCustomer: (id: number) => unwrap(api.GET('/api/v1/customers/{id}/', byId(id))),
  /** 客户归属 timeline, newest first. */
  ownerships: (id: number) => unwrap(api.GET('/api/v1/customers/{id}/ownerships/', byId(id))),
  /** The plain value of one masked field; the server audits every reveal. */
  reveal: (id: number, field: SensitiveField) =>
    unwrap(api.POST('/api/v1/customers/{id}/reveal/', { ...byId(id), body: { field } })),
  /** 分配 / 调整归属; the answer's `message` says what happened. */
  assign: (body: CustomerAssign) => unwrap(api.POST('/api/v1/customers/assign/', { body })),
  release: (id: number, body: CustomerRelease) =>
    unwrap(api.POST('/api/v1/customers/{id}/release/', { ...byId(id), body })),

  listPool: (query: Query) =>
    unwrap(api.GET('/api/v1/customer-pool/', { params: { query: query as PoolQuery } })),
  claim: (id: number) => unwrap(api.POST('/api/v1/customer-pool/{id}/claim/', byId(id))),
}
