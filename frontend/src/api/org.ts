import type { paths } from './schema'
import { api, unwrap } from './client'
import type { DepartmentTreeNode, DepartmentWrite, Query } from './types'

type ListQuery = NonNullable<paths['/api/v1/departments/']['get']['parameters']['query']>
const byId = (id: number) => ({ params: { path: { id } } })

export const orgApi = {
  listDepartments: (query: Query) =>
    unwrap(api.GET('/api/v1/departments/', { params: { query: query as ListQuery } })),
  departmentTree: async () =>
    (await unwrap(api.GET('/api/v1/departments/tree/'))) as unknown as DepartmentTreeNode[],
  createDepartment: (body: DepartmentWrite) => unwrap(api.POST('/api/v1/departments/', { body })),
  updateDepartment: (id: number, body: DepartmentWrite) =>
    unwrap(
      api.PATCH('/api/v1/departments/{id}/', {
        ...byId(id),
        body: { ...body, description: body.description ?? '' },
      }),
    ),
  deleteDepartment: (id: number) => unwrap(api.DELETE('/api/v1/departments/{id}/', byId(id))),
  disableDepartment: (id: number) =>
    unwrap(api.POST('/api/v1/departments/{id}/disable/', byId(id))),
  enableDepartment: (id: number) => unwrap(api.POST('/api/v1/departments/{id}/enable/', byId(id))),
  departmentMembers: (id: number) => unwrap(api.GET('/api/v1/departments/{id}/members/', byId(id))),
}
