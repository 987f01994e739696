import { Hono } from 'hono'
import type { AppDeps } from '../app.ts'
import { unknownSurvey } from '../domain/errors.ts'
import { listSurveyVersions } from '../surveys/repository.ts'

/** Published definitions are public: kiosks and phones render from them and cache them offline. */
export function surveyRoutes(deps: AppDeps) {
  return new Hono()
    .get('/', async (c) => {
      const rows = await listSurveyVersions(deps.db)
      return c.json({
        surveys: rows
          .filter((r) => r.status !== 'draft')
          .map((r) => ({ key: `${r.instrument}@${r.version}`, instrument: r.instrument, version: r.version, status: r.status, hash: r.hash })),
      })
    })
    .get('/:key', async (c) => {
      const version = await deps.catalog.byKey(c.req.param('key'))
      if (!version || version.status === 'draft') throw unknownSurvey()
      c.header('Cache-Control', 'public, max-age=31536000, immutable')
      return c.json({ key: version.key, status: version.status, hash: version.hash, definition: version.definition })
    })
}
