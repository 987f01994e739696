import { timingSafeEqual } from 'node:crypto'
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { DomainError } from '../../domain/errors.ts'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

declare module 'hono' {
  interface ContextVariableMap {
    /** HAILONG_PUBLIC_URL's origin, the address staff browsers use behind a load balancer. */
    publicOrigin: string | null
  }
}

const refused = () => new DomainError('forbidden', 'csrf_failed', { vi: 'Yêu cầu bị từ chối (thiếu mã chống giả mạo)', en: 'Request refused (missing or wrong CSRF token)' })

const crossSite = () =>
  new DomainError('forbidden', 'cross_site_request', {
    vi: 'Yêu cầu bị từ chối: gửi từ một trang web khác',
    en: 'Request refused: it was sent from another website',
  })

/** Sets what `sameOrigin` accepts besides the request's own host; mounted once in the app. */
export const originPolicy = (publicUrl?: string) => {
  const origin = publicUrl ? new URL(publicUrl).origin : null
  return createMiddleware(async (c, next) => {
    c.set('publicOrigin', origin)
    await next()
  })
}

/**
 * True unless the browser says the request comes from another site. Browsers send `Origin` on every
 * POST, PUT, PATCH and DELETE and `Sec-Fetch-Site` on every request; tools and tests send neither, and a
 * request without them is left to the CSRF token. The host is compared without the scheme, since a TLS
 * proxy in front makes the browser's `https://` reach the node as `http://`.
 */
export function fromSameSite(c: Context): boolean {
  if (c.req.header('Sec-Fetch-Site') === 'cross-site') return false
  const origin = c.req.header('Origin')
  if (origin === undefined) return true
  let host: string
  try {
    host = new URL(origin).host
  } catch {
    return false // "null" (a sandboxed frame, a file) or garbage
  }
  const own = c.req.header('Host') ?? new URL(c.req.url).host
  const publicOrigin = c.get('publicOrigin')
  return host === own || (publicOrigin !== null && publicOrigin !== undefined && origin === publicOrigin)
}

/** A second line behind the token, also for sign-in (which has no token yet): cross-site → 403. */
export const sameOrigin = () =>
  createMiddleware(async (c, next) => {
    if (!SAFE.has(c.req.method) && !fromSameSite(c)) throw crossSite()
    await next()
  })

/**
 * Every state-changing staff request must carry the session's CSRF token in `X-CSRF-Token` (synchroniser
 * token): another site can make the browser send the cookie, but cannot read the token. Runs after
 * `requireStaff`. A request the browser marks as cross-site is refused even with the token.
 */
export const csrf = () =>
  createMiddleware(async (c, next) => {
    if (!SAFE.has(c.req.method)) {
      if (!fromSameSite(c)) throw crossSite()
      const sent = Buffer.from(c.req.header('X-CSRF-Token') ?? '')
      const expected = Buffer.from(c.var.staff.csrfToken)
      if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) throw refused()
    }
    await next()
  })
