import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { unknownSurvey } from '../domain/errors.ts'
import { countResponsesByVersion } from '../responses/repository.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { requireStaff } from '../middleware/session/index.ts'
import { validate } from '../middleware/validate/index.ts'
import { createDraft, publishSurvey, retireSurvey, reviewDraft, updateDraft } from '../surveys/admin.ts'
import { findSurveyVersionById, listSurveyVersions } from '../surveys/repository.ts'
import { InstrumentId } from '../domain/vocabulary-schemas.ts'
import { staffActor } from '../auth/scope.ts'

const Id = z.object({ id: z.coerce.number().int().positive() })
const Definition = z.record(z.string(), z.unknown())

/** Survey versions: draft → published (immutable from then on) → retired. Admins only. */
export function adminSurveyRoutes(deps: AppDeps) {
  const admin = requireStaff(deps.db, deps.clock, ['admin'])
  return (
    new Hono()
      .use(admin)
      .get('/', async (c) => {
        const rows = await listSurveyVersions(deps.db)
        const counts = await countResponsesByVersion(deps.db)
        const keys = new Map(rows.map((r) => [r.id, `${r.instrument}@${r.version}`]))
        return c.json({
          versions: rows.map((r) => ({
            id: r.id,
            key: `${r.instrument}@${r.version}`,
            instrument: r.instrument,
            version: r.version,
            status: r.status,
            hash: r.hash,
            publishedAt: r.published_at,
            basedOn: r.based_on_id ? (keys.get(r.based_on_id) ?? null) : null,
            responses: counts.get(r.id) ?? 0,
            definition: JSON.parse(r.content),
          })),
        })
      })
      // One version for the builder: a draft with its problems and what changed against the version it was copied from.
      .get('/:id', validate('param', Id), async (c) => {
        const row = await findSurveyVersionById(deps.db, c.req.valid('param').id)
        if (!row) throw unknownSurvey({ vi: 'Không có phiên bản phiếu này', en: 'No such survey version' })
        const base = row.based_on_id ? await findSurveyVersionById(deps.db, row.based_on_id) : undefined
        return c.json({
          id: row.id,
          key: `${row.instrument}@${row.version}`,
          instrument: row.instrument,
          version: row.version,
          status: row.status,
          definition: JSON.parse(row.content),
          base: base ? { id: base.id, key: `${base.instrument}@${base.version}`, definition: JSON.parse(base.content) } : null,
          review: row.status === 'draft' ? await reviewDraft(deps.db, row) : null,
        })
      })
      .post(
        '/',
        csrf(),
        validate('json', z.object({ instrument: InstrumentId.max(64), definition: Definition, basedOn: z.number().int().positive().optional() }).strict()),
        async (c) => {
          const body = c.req.valid('json')
          return c.json(await createDraft(deps.db, body.instrument, body.definition, body.basedOn ?? null, staffActor(c.var.staff), deps.clock), 201)
        },
      )
      .put('/:id', csrf(), validate('param', Id), validate('json', z.object({ definition: Definition }).strict()), async (c) => {
        return c.json({ ok: true, ...(await updateDraft(deps.db, c.req.valid('param').id, c.req.valid('json').definition, staffActor(c.var.staff), deps.clock)) })
      })
      .post('/:id/publish', csrf(), validate('param', Id), validate('json', z.object({ reason: z.string().max(1000).optional() }).strict()), async (c) => {
        await publishSurvey(deps.db, deps.catalog, c.req.valid('param').id, c.req.valid('json').reason?.normalize('NFC'), staffActor(c.var.staff), deps.clock)
        return c.json({ ok: true })
      })
      .post('/:id/retire', csrf(), validate('param', Id), async (c) => {
        await retireSurvey(deps.db, deps.catalog, c.req.valid('param').id, staffActor(c.var.staff), deps.clock)
        return c.json({ ok: true })
      })
  )
}
