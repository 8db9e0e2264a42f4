import type { paths } from './schema'
import { api, unwrap } from './client'
import type { Query } from './types'

type RunQuery = NonNullable<paths['/api/v1/sync/runs/']['get']['parameters']['query']>
type EventQuery = NonNullable<paths['/api/v1/sync/events/']['get']['parameters']['query']>

export const syncApi = {
  listRuns: (query: Query) =>
    unwrap(api.GET('/api/v1/sync/runs/', { params: { query: query as RunQuery } })),
  status: () => unwrap(api.GET('/api/v1/sync/runs/status/')),
  /** Starts a reconciliation, or a full import with `full`; the run shows up in the log. */
  pull: (full: boolean) => unwrap(api.POST('/api/v1/sync/runs/pull/', { body: { full } })),
  listEvents: (query: Query) =>
    unwrap(api.GET('/api/v1/sync/events/', { params: { query: query as EventQuery } })),
  /** Replaces a rejected event's whole content; it comes back rejected again if still invalid. */
  correctEvent: (id: number, payload: Record<string, unknown>) =>
    unwrap(api.PATCH('/api/v1/sync/events/{id}/', { params: { path: { id } }, body: { payload } })),
  replayEvent: (id: number) =>
    unwrap(api.POST('/api/v1/sync/events/{id}/replay/', { params: { path: { id } } })),
}
