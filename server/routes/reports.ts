import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { parsePeriod } from '../domain/periods.ts'
import { validate } from '../middleware/validate/index.ts'
import { buildReport } from '../reports/service.ts'

const Query = z
  .object({
    channel: z.enum(['paper', 'kiosk', 'qr', 'web']).optional(),
    kind: z.enum(['province', 'department', 'commune', 'other']).optional(),
    minSample: z.coerce.number().int().min(1).max(100_000).optional(),
  })
  .strict()

/** The satisfaction report for one instrument and one period (`2026-Q1` or `2026`). */
export function reportRoutes(deps: AppDeps) {
  return new Hono().get('/:survey/:period', validate('query', Query), async (c) => {
    const q = c.req.valid('query')
    const report = await buildReport(deps.db, deps.catalog, {
      instrument: c.req.param('survey'),
      period: parsePeriod(c.req.param('period')),
      timeZone: deps.timeZone,
      minSample: q.minSample ?? deps.minSample,
      channel: q.channel,
      kind: q.kind,
    })
    return c.json(report)
  })
}
