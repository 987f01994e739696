import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { parsePeriod } from '../domain/periods.ts'
import { validate } from '../middleware/validate/index.ts'
import { buildReport } from '../reports/service.ts'
import { listAgencies } from '../agencies/repository.ts'
import { requireStaff } from '../middleware/session/index.ts'

const Query = z
  .object({
    channel: z.enum(['paper', 'kiosk', 'qr', 'web']).optional(),
    kind: z.enum(['province', 'department', 'commune', 'other']).optional(),
    minSample: z.coerce.number().int().min(1).max(100_000).optional(),
  })
  .strict()

/** The satisfaction report for one instrument and one period (`2026-Q1` or `2026`), for signed-in staff. */
export function reportRoutes(deps: AppDeps) {
  return new Hono().get('/:survey/:period', requireStaff(deps.db, deps.clock), validate('query', Query), async (c) => {
    const q = c.req.valid('query')
    const report = await buildReport(deps.db, deps.catalog, {
      instrument: c.req.param('survey'),
      period: parsePeriod(c.req.param('period')),
      timeZone: deps.timeZone,
      minSample: q.minSample ?? deps.minSample,
      channel: q.channel,
      kind: q.kind,
    })
    // The province figures are published; the agency rows are limited to what the user may see.
    const scope = c.var.staff.scope
    if (scope) {
      const codes = new Set((await listAgencies(deps.db)).filter((a) => scope.has(a.id)).map((a) => a.code))
      report.units = report.units.filter((u) => codes.has(u.agency))
      report.parents = report.parents.filter((p) => codes.has(p.agency))
    }
    return c.json(report)
  })
}
