import createClient, { type Middleware } from 'openapi-fetch'

import type { paths } from './schema'
import type { ApiErrorBody, Query } from './types'

export const API_PREFIX = '/api/v1'

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Every failed request ends as one of these: the backend's `{code, message, fields}`. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: Record<string, string[]>

  constructor(status: number, body: ApiErrorBody) {
    super(body.message)
    this.name = 'ApiError'
    this.status = status
    this.code = body.code
    this.fields = body.fields ?? {}
  }
}

type UnauthenticatedHandler = () => void
let onUnauthenticated: UnauthenticatedHandler | null = null

/** The router registers here, so the client need not import it (no cycle). */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler | null): void {
  onUnauthenticated = handler
}

/** Builds `/api/v1<path>?a=1`, leaving out empty values so URLs stay short and stable. */
export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const search = params.toString()
  return `${API_PREFIX}${path}${search ? `?${search}` : ''}`
}

export function readCookie(name: string, cookieString: string = document.cookie): string | null {
  for (const part of cookieString.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return decodeURIComponent(rest.join('='))
  }
  return null
}

let csrfFromEndpoint: string | null = null
let csrfRequest: Promise<void> | null = null

async function csrfToken(): Promise<string> {
  const fromCookie = readCookie('csrftoken')
  if (fromCookie) return fromCookie
  csrfRequest ??= fetch(buildUrl('/auth/csrf'), { credentials: 'same-origin' })
    .then(async (response) => {
      const body = (await response.json()) as { csrf_token?: string }
      csrfFromEndpoint = body.csrf_token ?? null
    })
    .finally(() => {
      csrfRequest = null
    })
  await csrfRequest
  return readCookie('csrftoken') ?? csrfFromEndpoint ?? ''
}

/** The backend's `{code, message, fields}`, or a generic code when a proxy answered instead. */
export function errorFromBody(status: number, statusText: string, body: unknown): ApiError {
  if (
    typeof body === 'object' &&
    body !== null &&
    'code' in body &&
    typeof body.code === 'string'
  ) {
    const message = 'message' in body && typeof body.message === 'string' ? body.message : ''
    const fields =
      'fields' in body && typeof body.fields === 'object' && body.fields !== null
        ? (body.fields as Record<string, string[]>)
        : {}
    return new ApiError(status, { code: body.code, message, fields })
  }
  return new ApiError(status, {
    code: status >= 500 ? 'server_error' : 'request_failed',
    message: statusText,
    fields: {},
  })
}

/** Turns any non-2xx answer into an ApiError, even when a proxy answered with HTML. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    // Not JSON: errorFromBody gives a generic code.
  }
  return errorFromBody(response.status, response.statusText, body)
}

const csrfMiddleware: Middleware = {
  async onRequest({ request }) {
    if (UNSAFE_METHODS.has(request.method)) request.headers.set('X-CSRFToken', await csrfToken())
    return request
  },
}

/**
 * The one HTTP client, typed by the generated `paths`: cookie session, same-origin
 * credentials, the CSRF header on unsafe methods.
 */
export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? '',
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
  // Looked up per call, so tests can stub fetch.
  fetch: (input: Request) => globalThis.fetch(input),
})
api.use(csrfMiddleware)

export interface UnwrapOptions {
  /** Skip the global redirect to /login on 401 (the session probe and the login form). */
  allowUnauthenticated?: boolean
}

/** The data of a successful call; any failure thrown as an ApiError. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
  options: UnwrapOptions = {},
): Promise<T> {
  let outcome: { data?: T; error?: unknown; response: Response }
  try {
    outcome = await call
  } catch {
    throw new ApiError(0, { code: 'network_error', message: '', fields: {} })
  }
  const { data, error, response } = outcome
  if (!response.ok) {
    if (response.status === 401 && !options.allowUnauthenticated) onUnauthenticated?.()
    throw errorFromBody(response.status, response.statusText, error)
  }
  return data as T
}
