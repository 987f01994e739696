import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { createApiKey, listKeysFor, revokeKey } from '../api-keys/service.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { requireStaff } from '../middleware/session/index.ts'
import { validate } from '../middleware/validate/index.ts'

const NewKey = z.object({ agency: z.string().trim().min(1).max(64), name: z.string().trim().min(1).max(100) }).strict()
const KeyId = z.object({ id: z.coerce.number().int().positive() })

/** API keys for the one-stop software: admins for any agency, managers within their scope, viewers none. */
export function apiKeyRoutes(deps: AppDeps) {
  return new Hono()
    .use(requireStaff(deps.db, deps.clock, ['admin', 'manager']), csrf())
    .get('/', async (c) => c.json({ items: await listKeysFor(deps.db, c.var.staff) }))
    .post('/', validate('json', NewKey), async (c) => {
      const created = await createApiKey(deps.db, c.var.staff, c.req.valid('json'), deps.clock.now())
      c.header('Cache-Control', 'no-store')
      return c.json(created, 201)
    })
    .post('/:id/revoke', validate('param', KeyId), async (c) => {
      await revokeKey(deps.db, c.var.staff, c.req.valid('param').id, deps.clock.now())
      return c.json({ ok: true })
    })
}
