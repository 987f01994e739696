import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import type { MiddlewareHandler } from 'hono'
import { tooLarge } from '../../domain/errors.ts'
import type { LocalizedText } from '../../domain/text.ts'
import { BODY_LIMITS } from '../../lib/limits.ts'

export { BODY_LIMITS }

/** Paths whose routes take more than the default; each route also sets its own limit with `limitBody`. */
const LARGER: Array<[prefix: string, bytes: number]> = [
  ['/api/v1/responses/batch', BODY_LIMITS.responseBatch],
  ['/api/v1/admin/imports/', BODY_LIMITS.paperImport],
  ['/api/v1/admin/audio-clips/', BODY_LIMITS.audioClipUpload],
]

/** A route's own body limit (413 body_too_large), with the refusal's wording when it should say more. */
export const limitBody = (bytes: number, text?: LocalizedText): MiddlewareHandler =>
  bodyLimit({
    maxSize: bytes,
    onError: () => {
      throw tooLarge(text)
    },
  })

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
