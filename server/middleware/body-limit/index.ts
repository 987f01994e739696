import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import type { MiddlewareHandler } from 'hono'
import { DomainError } from '../../domain/errors.ts'

/** What any API request may send unless its route is listed below: far above any form, definition or sign-in. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024

/** Routes that take more; each also checks its own limit (the batch 2 MB, paper-entry files 50 MB). */
const LARGER: Array<[prefix: string, bytes: number]> = [
  ['/api/v1/responses/batch', 2 * 1024 * 1024],
  ['/api/v1/admin/imports/', 50 * 1024 * 1024],
]

const tooLarge = () => {
  throw new DomainError('too_large', 'body_too_large', { vi: 'Dữ liệu gửi lên quá lớn', en: 'The request body is too large' })
}

/**
 * A ceiling on every request body under /api, so that no route (sign-in and kiosk pairing take anonymous
 * requests) buffers an unbounded body before it looks at it.
 */
export const defaultBodyLimit = (): MiddlewareHandler => {
  const limits = new Map<number, MiddlewareHandler>()
  const limitFor = (bytes: number) => limits.get(bytes) ?? limits.set(bytes, bodyLimit({ maxSize: bytes, onError: tooLarge })).get(bytes)!
  return createMiddleware(async (c, next) => {
    const bytes = LARGER.find(([prefix]) => c.req.path.startsWith(prefix))?.[1] ?? DEFAULT_BODY_LIMIT
    return limitFor(bytes)(c, next)
  })
}
