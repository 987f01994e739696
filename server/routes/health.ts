import { Hono } from 'hono'
import type { AppDeps } from '../app.ts'
import { ping } from '../db/repository.ts'

/**
 * The load balancer's check. Anyone may call it, so it says only "ok" or "unavailable"; the cause (a
 * driver message naming hosts, users or files) goes to the log for the operator.
 */
export function healthRoutes(deps: AppDeps) {
  return new Hono().get('/', async (c) => {
    c.header('Cache-Control', 'no-store')
    try {
      await ping(deps.db)
      return c.json({ status: 'ok' })
    } catch (e) {
      console.error(`[${c.get('requestId') ?? '-'}] /healthz: the ${deps.databaseKind} database does not answer:`, e)
      return c.json({ status: 'unavailable' }, 503)
    }
  })
}
