import type { paths } from './schema'
import { api, unwrap } from './client'
import type {
  ChurnConfirm,
  ChurnDefer,
  ContactCreate,
  ContactUpdate,
  CustomerAssign,
  CustomerCreate,
  CustomerRelease,
  CustomerUpdate,
  FollowUpCreate,
  Query,
  SensitiveField,
} from './types'

type CustomerQuery = NonNullable<paths['/api/v1/customers/']['get']['parameters']['query']>
type PoolQuery = NonNullable<paths['/api/v1/customer-pool/']['get']['parameters']['query']>
type FollowUpQuery = NonNullable<paths['/api/v1/follow-ups/']['get']['parameters']['query']>
type ChurnQuery = NonNullable<paths['/api/v1/churn-cases/']['get']['parameters']['query']>
type ImportBody = paths['/api/v1/customers/import/']['post']['requestBody']['content']

const byId = (id: number) => ({ params: { path: { id } } })

export const customersApi = {
  listCustomers: (query: Query) =>
    unwrap(api.GET('/api/v1/customers/', { params: { query: query as CustomerQuery } })),
  getCustomer: (id: number) => unwrap(api.GET('/api/v1/customers/{id}/', byId(id))),
  /** 录入客户; a phone already known answers 409 with `fields.phone` naming its customer. */
  createCustomer: (body: CustomerCreate) => unwrap(api.POST('/api/v1/customers/', { body })),
  /** Only customers entered in the CRM; a mall customer's profile is the mall's (409). */
  updateCustomer: (id: number, body: CustomerUpdate) =>
    unwrap(api.PATCH('/api/v1/customers/{id}/', { ...byId(id), body })),
  /** 导入: `dryRun` only checks every row; otherwise the good rows are entered. */
  importCustomers: (file: File, dryRun: boolean) => {
    const form = new FormData()
    form.append('file', file)
    form.append('dry_run', dryRun ? 'true' : 'false')
    // The schema types the file as a string; the browser sends the form as multipart.
    const body = form as unknown as ImportBody['multipart/form-data']
    return unwrap(api.POST('/api/v1/customers/import/', { body }))
  },
  /** 客户归属 timeline, newest first. */
  ownerships: (id: number) => unwrap(api.GET('/api/v1/customers/{id}/ownerships/', byId(id))),
  setTags: (id: number, tags: string[]) =>
    unwrap(api.PUT('/api/v1/customers/{id}/tags/', { ...byId(id), body: { tags } })),
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

  listFollowUps: (query: Query) =>
    unwrap(api.GET('/api/v1/follow-ups/', { params: { query: query as FollowUpQuery } })),
  logFollowUp: (body: FollowUpCreate) => unwrap(api.POST('/api/v1/follow-ups/', { body })),

  listContacts: (customer: number) =>
    unwrap(api.GET('/api/v1/contacts/', { params: { query: { customer, page_size: 100 } } })),
  createContact: (body: ContactCreate) => unwrap(api.POST('/api/v1/contacts/', { body })),
  updateContact: (id: number, body: ContactUpdate) =>
    unwrap(api.PATCH('/api/v1/contacts/{id}/', { ...byId(id), body })),
  deleteContact: (id: number) => unwrap(api.DELETE('/api/v1/contacts/{id}/', byId(id))),
  /** A contact's phone in full; audited, for roles that may see customer phones. */
  revealContact: (id: number) => unwrap(api.POST('/api/v1/contacts/{id}/reveal/', byId(id))),

  listChurnCases: (query: Query) =>
    unwrap(api.GET('/api/v1/churn-cases/', { params: { query: query as ChurnQuery } })),
  getChurnCase: (id: number) => unwrap(api.GET('/api/v1/churn-cases/{id}/', byId(id))),
  deferChurn: (id: number, body: ChurnDefer) =>
    unwrap(api.POST('/api/v1/churn-cases/{id}/defer/', { ...byId(id), body })),
  confirmChurn: (id: number, body: ChurnConfirm) =>
    unwrap(api.POST('/api/v1/churn-cases/{id}/confirm/', { ...byId(id), body })),
}
