import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { DomainError } from '../../domain/errors.ts'
import type { Submitter } from '../../responses/service.ts'

declare module 'hono' {
  interface ContextVariableMap {
    submitter: Submitter
  }
}

/**
 * Looks up the submitter for a token; its prefix (`desk_`, `kiosk_`, `rcpt_`) picks the resolver. The
 * request is passed too, for credentials whose protections read it (a desk link's browser cookie, address).
 */
export type SubmitterResolver = (token: string, c: Context) => Promise<Submitter | null>

const unauthorized = () =>
  new DomainError('unauthorized', 'invalid_credential', {
    vi: 'Thiếu hoặc sai mã xác thực của thiết bị hay đường dẫn khảo sát',
    en: 'Missing or invalid device, link or receipt credential',
  })

/**
 * Agency, desk and channel of a response come from the credential that submits it, never from the
 * body: this middleware is that seam.
 */
export const submitter = (resolvers: Record<string, SubmitterResolver>) =>
  createMiddleware(async (c, next) => {
    const m = /^Bearer\s+([A-Za-z0-9_-]{8,200})$/.exec(c.req.header('Authorization') ?? '')
    const token = m?.[1]
    const resolve = token ? resolvers[token.slice(0, token.indexOf('_'))] : undefined
    const found = token && resolve ? await resolve(token, c) : null
    if (!found) throw unauthorized()
    c.set('submitter', found)
    await next()
  })
