import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { staffActor } from '../auth/scope.ts'
import { dashboardAgency, dashboardComments, dashboardCommentsExport, dashboardMeta, dashboardTrend } from '../dashboard/service.ts'
import { commentsCsv, commentsXlsx } from '../exports/comments-export.ts'
import { revealComment } from '../privacy/service.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { requireStaff } from '../middleware/session/index.ts'
import { validate } from '../middleware/validate/index.ts'
import { heatMap } from '../patterns/service.ts'
import { AgencyKind, Channel, InstrumentId, PeriodKey } from '../domain/vocabulary-schemas.ts'

const Kind = AgencyKind
const Instrument = InstrumentId

const CommentFilter = z.object({
  agency: z.string().max(64).optional(),
  q: z.string().max(200).optional(),
  period: PeriodKey.optional(),
  status: z.enum(['all', 'counted', 'spam', 'flagged']).default('all'),
})
/** `clear=1`: the text as typed, for admins only (audited like every export). */
const CommentExport = CommentFilter.extend({
  clear: z
    .enum(['0', '1'])
    .default('0')
    .transform((v) => v === '1'),
}).strict()

/** Read models for the Home Affairs dashboard (dashboard/service.ts): everything scoped to the signed-in user. */
export function dashboardRoutes(deps: AppDeps) {
  const staff = requireStaff(deps.db, deps.clock)
  return new Hono()
    .use(staff)
    .get('/meta', async (c) => c.json(await dashboardMeta(deps, c.var.staff)))
    .get(
      '/trend/:survey',
      validate(
        'query',
        z
          .object({
            agency: z.string().max(64).optional(),
            channel: Channel.optional(),
            kind: Kind.optional(),
            to: PeriodKey.optional(),
            count: z.coerce.number().int().min(1).max(20).default(8),
          })
          .strict(),
      ),
      async (c) => c.json(await dashboardTrend(deps, c.var.staff, c.req.param('survey'), c.req.valid('query'))),
    )
    .get(
      '/heatmap',
      validate(
        'query',
        z
          .object({
            survey: Instrument,
            period: PeriodKey,
            agency: z.string().max(64).optional(),
            deskId: z.coerce.number().int().positive().optional(),
            channel: Channel.optional(),
            kind: Kind.optional(),
            minCell: z.coerce.number().int().min(1).max(10_000).optional(),
          })
          .strict(),
      ),
      async (c) => c.json(await heatMap(deps, c.var.staff, c.req.valid('query'))),
    )
    .get('/agencies/:code', validate('query', z.object({ survey: Instrument, period: PeriodKey.optional(), channel: Channel.optional() }).strict()), async (c) =>
      c.json(await dashboardAgency(deps, c.var.staff, c.req.param('code'), c.req.valid('query'))),
    )
    .get(
      '/comments',
      validate('query', CommentFilter.extend({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }).strict()),
      async (c) => c.json(await dashboardComments(deps, c.var.staff, c.req.valid('query'))),
    )
    .get('/comments/export.csv', validate('query', CommentExport), async (c) => {
      const q = c.req.valid('query')
      const rows = await dashboardCommentsExport(deps, c.var.staff, q, 'csv')
      return c.body(commentsCsv(rows, deps.timeZone), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="gop-y${q.clear ? '-ban-goc' : ''}.csv"`,
      })
    })
    .get('/comments/export.xlsx', validate('query', CommentExport), async (c) => {
      const q = c.req.valid('query')
      const rows = await dashboardCommentsExport(deps, c.var.staff, q, 'xlsx')
      const body = await commentsXlsx(rows, deps.timeZone, { generatedAt: deps.clock.now(), user: c.var.staff.username, masked: !q.clear })
      return c.body(new Uint8Array(body), 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="gop-y${q.clear ? '-ban-goc' : ''}.xlsx"`,
      })
    })
    .post(
      '/responses/:id/comment/reveal',
      requireStaff(deps.db, deps.clock, ['admin']),
      csrf(),
      validate('param', z.object({ id: z.coerce.number().int().positive() })),
      validate('json', z.object({ reason: z.string().max(200).optional() }).strict()),
      async (c) => c.json(await revealComment(deps.db, c.req.valid('param').id, c.req.valid('json').reason, staffActor(c.var.staff), deps.clock.now())),
    )
}
