import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import type { Db } from '../db/types.ts'
import { kioskBySecret } from '../kiosks/credential.ts'
import type { KioskRow } from '../kiosks/repository.ts'
import { Heartbeat, kioskConfig, kioskRevoked, notPaired, pairKiosk, recordHeartbeat } from '../kiosks/service.ts'
import { validate } from '../middleware/validate/index.ts'
import { kioskClipManifest } from '../audio-clips/service.ts'

declare module 'hono' {
  interface ContextVariableMap {
    kiosk: KioskRow
  }
}

const Pair = z.object({ code: z.string().regex(/^kpair_[A-Za-z0-9_-]{16,100}$/, 'kpair_…') }).strict()

/**
 * The tablet's own credential: unknown → 401 `kiosk_not_paired`, revoked → 403 `kiosk_revoked`; both
 * make the tablet show its "not paired" screen.
 */
const device = (db: Db) =>
  createMiddleware(async (c, next) => {
    const m = /^Bearer\s+(kiosk_[A-Za-z0-9_-]{8,200})$/.exec(c.req.header('Authorization') ?? '')
    const k = m ? await kioskBySecret(db, m[1]!) : undefined
    if (!k) throw notPaired()
    if (k.revoked_at) throw kioskRevoked()
    c.set('kiosk', k)
    await next()
  })

/** What a tablet calls besides the response intake: pairing, its configuration and a heartbeat. */
export function kioskDeviceRoutes(deps: AppDeps) {
  const { db, clock } = deps
  return (
    new Hono()
      .post('/pair', validate('json', Pair), async (c) => {
        const paired = await pairKiosk(db, c.req.valid('json').code, clock.now())
        return c.json({ kioskId: paired.id, secret: paired.secret }, 201)
      })
      .get('/config', device(db), async (c) => {
        c.header('Cache-Control', 'no-store')
        return c.json(await kioskConfig(db, deps.catalog, c.var.kiosk))
      })
      // Fetched by the tablet after its first screen; the clips themselves are public hash URLs.
      .get('/clips', device(db), async (c) => {
        c.header('Cache-Control', 'no-store')
        return c.json(await kioskClipManifest(db, c.var.kiosk.desk_id))
      })
      .post('/heartbeat', device(db), validate('json', Heartbeat), async (c) => {
        await recordHeartbeat(db, c.var.kiosk.id, c.req.valid('json'), clock.now())
        const { configHash } = await kioskConfig(db, deps.catalog, c.var.kiosk)
        return c.json({ configHash, serverTime: clock.now().toISOString() })
      })
  )
}
