import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { DomainError } from '../domain/errors.ts'
import { validate } from '../middleware/validate/index.ts'
import { publicList, publishedReport } from '../periods/service.ts'
import type { Report } from '../reports/service.ts'
import { overallScope } from '../agencies/service.ts'

const Params = z.object({ survey: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/), quarter: z.string().regex(/^\d{4}-Q[1-4]$/, '2026-Q1') })

const unpublished = () => new DomainError('not_found', 'not_published', { vi: 'Kết quả quý này chưa được công bố', en: 'The results of this quarter have not been published' })

/**
 * The public results page's data, without sign-in: only quarters an admin closed and published, exactly
 * as published. Figures only, never a comment or a desk.
 */
export function publicRoutes(deps: AppDeps) {
  return (
    new Hono()
      // The zone the quarters are cut in, so the page shows publication dates in it rather than the browser's.
      .get('/reports', async (c) => c.json({ reports: await publicList(deps.db), timeZone: deps.timeZone }))
      .get('/reports/:survey/:quarter', validate('param', Params), async (c) => {
        const { survey, quarter } = c.req.valid('param')
        const snap = await publishedReport(deps.db, survey, quarter)
        if (!snap) throw unpublished()
        const report = JSON.parse(snap.content) as Report
        const title = (await deps.catalog.byKey(report.versions.at(-1) ?? ''))?.definition.title ?? null
        return c.json({
          survey,
          period: quarter,
          title,
          version: snap.version,
          hash: snap.hash,
          closedAt: snap.closed_at,
          publishedAt: snap.published_at,
          wholeScope: await overallScope(deps.db),
          report,
        })
      })
  )
}
