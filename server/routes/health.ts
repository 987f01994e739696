import { Hono } from 'hono'
import { sql } from 'kysely'
import type { AppDeps } from '../app.ts'

export function healthRoutes(deps: AppDeps) {
  return new Hono().get('/', async (c) => {
    try {
      await sql`select 1`.execute(deps.db)
      return c.json({ status: 'ok', database: { kind: deps.databaseKind, ok: true } })
    } catch (e) {
      return c.json({ status: 'unavailable', database: { kind: deps.databaseKind, ok: false, error: (e as Error).message } }, 503)
    }
  })
}
