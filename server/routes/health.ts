import { Hono } from 'hono'
import type { AppDeps } from '../app.ts'
import { ping } from '../db/dialect.ts'

export function healthRoutes(deps: AppDeps) {
  return new Hono().get('/', async (c) => {
    try {
      await ping(deps.db)
      return c.json({ status: 'ok', database: { kind: deps.databaseKind, ok: true } })
    } catch (e) {
      return c.json({ status: 'unavailable', database: { kind: deps.databaseKind, ok: false, error: (e as Error).message } }, 503)
    }
  })
}
