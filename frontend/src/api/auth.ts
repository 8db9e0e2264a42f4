import { api, unwrap } from './client'

const quiet = { allowUnauthenticated: true }

export const authApi = {
  me: () => unwrap(api.GET('/api/v1/auth/me'), quiet),
  login: (username: string, password: string) =>
    unwrap(api.POST('/api/v1/auth/login', { body: { username, password } }), quiet),
  logout: () => unwrap(api.POST('/api/v1/auth/logout')),
  changePassword: (oldPassword: string, newPassword: string) =>
    unwrap(
      api.POST('/api/v1/auth/password', {
        body: { old_password: oldPassword, new_password: newPassword },
      }),
    ),
  passwordPolicy: () => unwrap(api.GET('/api/v1/auth/password-policy')),
}
