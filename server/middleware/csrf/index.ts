import { timingSafeEqual } from 'node:crypto'
import { createMiddleware } from 'hono/factory'
import { DomainError } from '../../domain/errors.ts'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

const refused = () =>
  new DomainError('forbidden', 'csrf_failed', { vi: 'Yêu cầu bị từ chối (thiếu mã chống giả mạo)', en: 'Request refused (missing or wrong CSRF token)' })

/**
 * Every state-changing staff request must carry the session's CSRF token in `X-CSRF-Token` (synchroniser
 * token): another site can make the browser send the cookie, but cannot read the token. Runs after
 * `requireStaff`.
 */
export const csrf = () =>
  createMiddleware(async (c, next) => {
    if (!SAFE.has(c.req.method)) {
      const sent = Buffer.from(c.req.header('X-CSRF-Token') ?? '')
      const expected = Buffer.from(c.var.staff.csrfToken)
      if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) throw refused()
    }
    await next()
  })
