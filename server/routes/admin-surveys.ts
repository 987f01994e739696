import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { countResponsesByVersion } from '../responses/repository.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { requireStaff } from '../middleware/session/index.ts'
import { validate } from '../middleware/validate/index.ts'
import { createDraft, setSurveyStatus, updateDraft } from '../surveys/admin.ts'
import { listSurveyVersions } from '../surveys/repository.ts'

const Id = z.object({ id: z.coerce.number().int().positive() })

/** Survey versions: draft → published (immutable from then on) → retired. Admins only. */
export function adminSurveyRoutes(deps: AppDeps) {
  const admin = requireStaff(deps.db, deps.clock, ['admin'])
  const who = (c: { var: { staff: { username: string } } }) => `user:${c.var.staff.username}`
  return new Hono()
    .use(admin)
    .get('/', async (c) => {
      const rows = await listSurveyVersions(deps.db)
      const counts = await countResponsesByVersion(deps.db)
      return c.json({
        versions: rows.map((r) => ({ id: r.id, key: `${r.instrument}@${r.version}`, instrument: r.instrument, version: r.version, status: r.status, hash: r.hash, publishedAt: r.published_at, responses: counts.get(r.id) ?? 0, definition: JSON.parse(r.content) })),
      })
    })
    .post('/', csrf(), validate('json', z.object({ instrument: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/), definition: z.record(z.string(), z.unknown()) }).strict()), async (c) => {
      const body = c.req.valid('json')
      return c.json(await createDraft(deps.db, body.instrument, body.definition, who(c), deps.clock), 201)
    })
    .put('/:id', csrf(), validate('param', Id), validate('json', z.object({ definition: z.record(z.string(), z.unknown()) }).strict()), async (c) => {
      await updateDraft(deps.db, c.req.valid('param').id, c.req.valid('json').definition, who(c), deps.clock)
      return c.json({ ok: true })
    })
    .post('/:id/publish', csrf(), validate('param', Id), async (c) => {
      await setSurveyStatus(deps.db, deps.catalog, c.req.valid('param').id, 'published', who(c), deps.clock)
      return c.json({ ok: true })
    })
    .post('/:id/retire', csrf(), validate('param', Id), async (c) => {
      await setSurveyStatus(deps.db, deps.catalog, c.req.valid('param').id, 'retired', who(c), deps.clock)
      return c.json({ ok: true })
    })
}
