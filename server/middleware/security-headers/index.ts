import { createMiddleware } from 'hono/factory'
import { secureHeaders } from 'hono/secure-headers'

/**
 * A strict Content Security Policy (no inline or foreign scripts; inline style attributes only, which
 * Preact sets), no framing, no MIME sniffing, and no full URLs (receipt tokens) in Referer headers.
 */
const strict = (frame: 'none' | 'self') =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      // Spoken prompts: a recording heard before it is saved, a cached clip on an offline kiosk.
      mediaSrc: ["'self'", 'blob:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: [`'${frame}'`],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
    },
    xFrameOptions: frame === 'none' ? 'DENY' : 'SAMEORIGIN',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  })

/** The builder's preview pages (`/preview/…`) are the one thing framed, and only by this site's own pages. */
export const securityHeaders = () => {
  const none = strict('none')
  const self = strict('self')
  return createMiddleware((c, next) => (c.req.path.startsWith('/preview/') ? self(c, next) : none(c, next)))
}
