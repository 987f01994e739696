import type { LocalizedText } from '../../server/domain/text.ts'

export interface ApiErrorBody {
  error: { code: string; message: LocalizedText; details?: Array<{ field: string; code: string; message: LocalizedText }>; requestId: string }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(body?.error.message.en ?? `HTTP ${status}`)
  }
}

/** fetch with JSON in and out; a refusal becomes an ApiError carrying the server's vi/en reason. */
export async function api<T>(path: string, init: RequestInit & { json?: unknown; token?: string; csrf?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers)
  if (init.json !== undefined) headers.set('Content-Type', 'application/json')
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`)
  if (init.csrf) headers.set('X-CSRF-Token', init.csrf)
  const res = await fetch(path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body })
  const body = res.headers.get('Content-Type')?.includes('json') ? await res.json() : null
  if (!res.ok) throw new ApiError(res.status, body)
  return body as T
}
