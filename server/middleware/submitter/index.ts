import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { DomainError } from '../../domain/errors.ts'
import type { Submitter } from '../../responses/service.ts'
import { requestHeader } from '../../lib/node-request.ts'

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
export const submitter = (resolvers: Record<string, SubmitterResolver>) => {
  // A Map, not the object: `constructor_…` or `__proto__…` must never find Object.prototype's functions.
  const byPrefix = new Map(Object.entries(resolvers))
  return createMiddleware(async (c, next) => {
    const m = /^Bearer\s+([a-z]+)_([A-Za-z0-9_-]{8,200})$/.exec(requestHeader(c, 'authorization') ?? '')
    const resolve = m ? byPrefix.get(m[1]!) : undefined
    const found = m && resolve ? await resolve(`${m[1]}_${m[2]}`, c) : null
    if (!isSubmitter(found)) throw unauthorized()
    c.set('submitter', found)
    await next()
  })
}

/** Nothing reaches storage without an agency, a channel and a kind: a resolver's mistake is a 401, not a 500. */
function isSubmitter(s: unknown): s is Submitter {
  if (!s || typeof s !== 'object') return false
  const x = s as Partial<Submitter>
  return Number.isSafeInteger(x.agencyId) && typeof x.channel === 'string' && typeof x.kind === 'string' && (x.deskId === null || Number.isSafeInteger(x.deskId))
}
