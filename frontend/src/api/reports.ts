import type { paths } from './schema'
import { api, unwrap } from './client'
import type { PerformanceReportWrite, Query } from './types'

type ListQuery = NonNullable<paths['/api/v1/performance-reports/']['get']['parameters']['query']>
const byId = (id: number) => ({ params: { path: { id } } })

/** 业绩分析报告: the figures are composed by the server when a report is saved. */
export const reportsApi = {
  list: (query: Query) =>
    unwrap(api.GET('/api/v1/performance-reports/', { params: { query: query as ListQuery } })),
  get: (id: number) => unwrap(api.GET('/api/v1/performance-reports/{id}/', byId(id))),
  create: (body: PerformanceReportWrite) =>
    unwrap(api.POST('/api/v1/performance-reports/', { body })),
  update: (id: number, body: PerformanceReportWrite) =>
    unwrap(api.PUT('/api/v1/performance-reports/{id}/', { ...byId(id), body })),
  remove: (id: number) => unwrap(api.DELETE('/api/v1/performance-reports/{id}/', byId(id))),
}
