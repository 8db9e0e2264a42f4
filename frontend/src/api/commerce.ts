import type { paths } from './schema'
import { api, unwrap } from './client'

export type OrderQuery = NonNullable<paths['/api/v1/orders/']['get']['parameters']['query']>

const byId = (id: number) => ({ params: { path: { id } } })

export const commerceApi = {
  listOrders: (query: OrderQuery) => unwrap(api.GET('/api/v1/orders/', { params: { query } })),
  getOrder: (id: number) => unwrap(api.GET('/api/v1/orders/{id}/', byId(id))),
  /** The figures of the orders a filter selects (the list's filters; paging and ordering are ignored). */
  summary: (query: OrderQuery) => {
    const paging = new Set(['page', 'page_size', 'ordering'])
    const filters = Object.fromEntries(Object.entries(query).filter(([key]) => !paging.has(key)))
    return unwrap(api.GET('/api/v1/orders/summary/', { params: { query: filters } }))
  },
}
