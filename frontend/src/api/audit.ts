import type { paths } from './schema'
import { api, unwrap } from './client'
import type { Query } from './types'

type EventQuery = NonNullable<paths['/api/v1/audit-events/']['get']['parameters']['query']>

export const auditApi = {
  listEvents: (query: Query) =>
    unwrap(api.GET('/api/v1/audit-events/', { params: { query: query as EventQuery } })),
  actions: () => unwrap(api.GET('/api/v1/audit-events/actions/')),
}
