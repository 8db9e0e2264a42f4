import { afterEach, describe, expect, it, vi } from 'vitest'

import { api, ApiError, buildUrl, errorFromResponse, readCookie, unwrap } from './client'

describe('buildUrl', () => {
  it('prefixes the API root and drops empty values', () => {
    expect(buildUrl('/departments/', { search: '上海', kind: '', manager: null, page: 2 })).toBe(
      '/api/v1/departments/?search=%E4%B8%8A%E6%B5%B7&page=2',
    )
    expect(buildUrl('/auth/me')).toBe('/api/v1/auth/me')
  })
})

describe('readCookie', () => {
  it('finds one cookie among several', () => {
    expect(readCookie('csrftoken', 'sessionid=abc; csrftoken=tok%3D1; x=y')).toBe('tok=1')
    expect(readCookie('csrftoken', 'sessionid=abc')).toBeNull()
  })
})

describe('errorFromResponse', () => {
  it('keeps the backend code, message and fields', async () => {
    const response = new Response(
      JSON.stringify({ code: 'department_in_use', message: '部门下还有 3 人', fields: {} }),
      { status: 409 },
    )
    const error = await errorFromResponse(response)
    expect(error).toBeInstanceOf(ApiError)
    expect([error.status, error.code, error.message]).toEqual([
      409,
      'department_in_use',
      '部门下还有 3 人',
    ])
  })
  it('names a non-JSON server failure', async () => {
    const error = await errorFromResponse(new Response('<html>Bad gateway</html>', { status: 502 }))
    expect([error.status, error.code]).toEqual([502, 'server_error'])
  })
})

type FetchMock = ReturnType<typeof vi.fn<(input: Request) => Promise<Response>>>
const requests = (mock: FetchMock): Request[] => mock.mock.calls.map(([input]) => input)

describe('api client', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    document.cookie = 'csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT'
  })

  it('sends the CSRF cookie as a header on unsafe methods, same-origin', async () => {
    document.cookie = 'csrftoken=abc123'
    const fetchMock: FetchMock = vi.fn(async () => new Response(null, { status: 204 }))
    vi.stubGlobal('fetch', fetchMock)
    await unwrap(api.POST('/api/v1/auth/logout'))
    const [sent] = requests(fetchMock)
    expect(new URL(sent?.url ?? '').pathname).toBe('/api/v1/auth/logout')
    expect(sent?.headers.get('X-CSRFToken')).toBe('abc123')
    expect(sent?.credentials).toBe('same-origin')
  })

  it('fetches the CSRF token first when there is no cookie', async () => {
    const fetchMock = vi.fn(async (input: Request | string) =>
      String(typeof input === 'string' ? input : input.url).endsWith('/api/v1/auth/csrf')
        ? new Response(JSON.stringify({ csrf_token: 'fromapi' }), { status: 200 })
        : new Response(JSON.stringify({ id: 1 }), {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          }),
    )
    vi.stubGlobal('fetch', fetchMock)
    await expect(
      unwrap(api.POST('/api/v1/users/{id}/enable/', { params: { path: { id: 1 } } })),
    ).resolves.toEqual({ id: 1 })
    const calls = fetchMock.mock.calls.map(([input]) => input)
    expect(calls[0]).toBe('/api/v1/auth/csrf')
    const second = calls[1] as Request
    expect(new URL(second.url).pathname).toBe('/api/v1/users/1/enable/')
    expect(second.headers.get('X-CSRFToken')).toBe('fromapi')
  })

  it('does not send a CSRF header on GET', async () => {
    const fetchMock: FetchMock = vi.fn(async () => new Response('[]', { status: 200 }))
    vi.stubGlobal('fetch', fetchMock)
    await unwrap(api.GET('/api/v1/departments/tree/'))
    expect(requests(fetchMock)[0]?.headers.get('X-CSRFToken')).toBeNull()
  })

  it('throws the backend error as an ApiError', async () => {
    const body = { code: 'department_in_use', message: '部门下还有 3 人，不能删除', fields: {} }
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(body), { status: 409 })),
    )
    document.cookie = 'csrftoken=abc123'
    const failure = unwrap(api.DELETE('/api/v1/departments/{id}/', { params: { path: { id: 7 } } }))
    await expect(failure).rejects.toMatchObject({
      status: 409,
      code: 'department_in_use',
      message: '部门下还有 3 人，不能删除',
    })
  })

  it('calls a failed connection a network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch')
      }),
    )
    await expect(unwrap(api.GET('/api/v1/auth/me'))).rejects.toMatchObject({
      code: 'network_error',
    })
  })
})
