import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import type { MiddlewareHandler } from 'hono'
import { tooLarge } from '../../domain/errors.ts'
import type { LocalizedText } from '../../domain/text.ts'
import { BODY_LIMITS } from '../../lib/limits.ts'
import { incomingOf, requestHeader } from '../../lib/node-request.ts'

export { BODY_LIMITS }

/** Paths whose routes take more than the default; each route also sets its own limit with `limitBody`. */
const LARGER: Array<[prefix: string, bytes: number]> = [
  ['/api/v1/responses/batch', BODY_LIMITS.responseBatch],
  ['/api/v1/admin/imports/', BODY_LIMITS.paperImport],
  ['/api/v1/admin/audio-clips/', BODY_LIMITS.audioClipUpload],
]

/** Methods that node-server gives no body (a TRACE reaches hono as a GET). */
const BODILESS = new Set(['GET', 'HEAD', 'TRACE'])

/**
 * A route's own body limit (413 body_too_large), with the refusal's wording when it should say more.
 * Served by Node, a request that declares its length is judged by the header, as hono's bodyLimit judges
 * it, but without asking for `c.req.raw.body`, which would build the whole fetch Request (see
 * lib/node-request.ts); a chunked body, and every request under `app.request()`, go through hono's.
 */
export const limitBody = (bytes: number, text?: LocalizedText): MiddlewareHandler => {
  const fail = () => {
    throw tooLarge(text)
  }
  const hono = bodyLimit({ maxSize: bytes, onError: fail })
  return async (c, next) => {
    if (incomingOf(c)) {
      if (BODILESS.has(c.req.method)) return next()
      const length = requestHeader(c, 'content-length')
      if (length !== undefined && requestHeader(c, 'transfer-encoding') === undefined) return parseInt(length || '0', 10) > bytes ? fail() : next()
    }
    return hono(c, next)
  }
}

/**
 * A ceiling on every request body under /api, so that no route (sign-in and kiosk pairing take anonymous
 * requests) buffers an unbounded body before it looks at it.
 */
export const defaultBodyLimit = (): MiddlewareHandler => {
  const limits = new Map<number, MiddlewareHandler>()
  const limitFor = (bytes: number) => limits.get(bytes) ?? limits.set(bytes, limitBody(bytes)).get(bytes)!
  return createMiddleware(async (c, next) => {
    const bytes = LARGER.find(([prefix]) => c.req.path.startsWith(prefix))?.[1] ?? BODY_LIMITS.default
    return limitFor(bytes)(c, next)
  })
}
