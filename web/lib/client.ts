import { hc, type ClientResponse, type InferRequestType, type InferResponseType } from 'hono/client'
import type { SuccessStatusCode } from 'hono/utils/http-status'
// Type-only: the web bundle never contains server code, only the shapes of its routes (see eslint.config.js).
import type { AppType } from '../../server/app.ts'
import { ApiError } from './api.ts'

/**
 * The API as hono's typed client: paths, inputs and answers come from the server's chained routes
 * (server/app.ts), so a page derives a response type instead of re-declaring it. Same origin, so base '/'.
 */
export const client = hc<AppType>('/')
export type Client = typeof client

/** The client with the session's CSRF token on every request (what state-changing staff requests need). */
export function clientWith(csrf: string | undefined): Client {
  return csrf ? hc<AppType>('/', { headers: { 'X-CSRF-Token': csrf } }) : client
}

/** What an endpoint answers when it succeeds: `Res<typeof client.api.v1.admin.users.$get>`. */
export type Res<F> = InferResponseType<F, SuccessStatusCode>
/** What an endpoint takes: `{ json }`, `{ query }`, `{ param }`. */
export type Req<F> = InferRequestType<F>

type Ok<R> = R extends ClientResponse<infer T, infer S, infer _F> ? (S extends SuccessStatusCode ? T : never) : never

/** The typed body of a successful JSON answer; a refusal becomes an ApiError carrying the server's vi/en reason. */
export async function unwrap<R extends ClientResponse<unknown, number, any>>(pending: R | Promise<R>): Promise<Ok<R>> {
  const res = await pending
  const body = res.headers.get('Content-Type')?.includes('json') ? await res.json() : null
  if (!res.ok) throw new ApiError(res.status, body as ConstructorParameters<typeof ApiError>[1])
  return body as Ok<R>
}

/** An endpoint read with GET: what `useGet` takes (`client.api.v1.admin.users`). */
export interface Readable<F extends (...args: any[]) => Promise<ClientResponse<unknown, number, any>>> {
  $get: F
  $path: (args?: any) => string
}
