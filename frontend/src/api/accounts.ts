import type { paths } from './schema'
import { api, unwrap } from './client'
import type { Query, Role, RoleWrite, UserCreate, UserUpdate } from './types'

type UserQuery = NonNullable<paths['/api/v1/users/']['get']['parameters']['query']>
type RoleQuery = NonNullable<paths['/api/v1/roles/']['get']['parameters']['query']>
/** `unread` is read by the view but not listed in the schema. */
type NotificationQuery = NonNullable<
  paths['/api/v1/notifications/']['get']['parameters']['query']
> & { unread?: boolean }
type RoleFromSchema = Omit<Role, 'permissions' | 'field_permissions'> & {
  permissions?: unknown
  field_permissions?: unknown
}

const byId = (id: number) => ({ params: { path: { id } } })

function codes(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}

/** The schema leaves the code lists untyped; the UI relies on them being strings. */
function toRole(role: RoleFromSchema): Role {
  return {
    ...role,
    permissions: codes(role.permissions),
    field_permissions: codes(role.field_permissions),
  }
}

export const accountsApi = {
  listUsers: (query: Query) =>
    unwrap(api.GET('/api/v1/users/', { params: { query: query as UserQuery } })),
  createUser: (body: UserCreate) => unwrap(api.POST('/api/v1/users/', { body })),
  updateUser: (id: number, body: UserUpdate) =>
    unwrap(api.PATCH('/api/v1/users/{id}/', { ...byId(id), body })),
  disableUser: (id: number) => unwrap(api.POST('/api/v1/users/{id}/disable/', byId(id))),
  enableUser: (id: number) => unwrap(api.POST('/api/v1/users/{id}/enable/', byId(id))),
  resetPassword: (id: number, newPassword: string) =>
    unwrap(
      api.POST('/api/v1/users/{id}/reset-password/', {
        ...byId(id),
        body: { new_password: newPassword },
      }),
    ),
  moveUser: (id: number, department: number, reason: string) =>
    unwrap(api.POST('/api/v1/users/{id}/move/', { ...byId(id), body: { department, reason } })),
  regenerateInviteCode: (id: number) =>
    unwrap(api.POST('/api/v1/users/{id}/regenerate-invite-code/', byId(id))),
  memberships: (id: number) => unwrap(api.GET('/api/v1/users/{id}/memberships/', byId(id))),

  listRoles: async (query: Query = { page_size: 100 }) => {
    const page = await unwrap(api.GET('/api/v1/roles/', { params: { query: query as RoleQuery } }))
    return { ...page, results: page.results.map(toRole) }
  },
  createRole: async (body: RoleWrite) => toRole(await unwrap(api.POST('/api/v1/roles/', { body }))),
  updateRole: async (id: number, body: RoleWrite) =>
    toRole(
      await unwrap(
        api.PATCH('/api/v1/roles/{id}/', {
          ...byId(id),
          body: { ...body, description: body.description ?? '' },
        }),
      ),
    ),
  deleteRole: (id: number) => unwrap(api.DELETE('/api/v1/roles/{id}/', byId(id))),
  permissionCatalog: () => unwrap(api.GET('/api/v1/permissions/')),

  /** 站内通知, newest first; `unread: true` for the unread only. */
  listNotifications: (query: NotificationQuery) =>
    unwrap(api.GET('/api/v1/notifications/', { params: { query } })),
  /** Marks these notifications read, or all of them without `ids`. */
  markNotificationsRead: (ids?: number[]) =>
    unwrap(api.POST('/api/v1/notifications/read/', { body: ids ? { ids } : {} })),
}
