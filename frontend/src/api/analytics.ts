import { api, buildUrl, unwrap } from './client'
import type { ExportRequest } from './types'

const byId = (id: number) => ({ params: { path: { id } } })

export const analyticsApi = {
  /** 导出: the server writes the file in the background; follow it with `getExport`. */
  startExport: (body: ExportRequest) => unwrap(api.POST('/api/v1/exports/', { body })),
  getExport: (id: number) => unwrap(api.GET('/api/v1/exports/{id}/', byId(id))),
  /** The finished file, served as an attachment to its requester only. */
  downloadUrl: (id: number) => buildUrl(`/exports/${id}/download/`),
}
