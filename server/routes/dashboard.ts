import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { dashboardAgency, dashboardComments, dashboardMeta, dashboardTrend, moderateResponse } from '../dashboard/service.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { requireStaff } from '../middleware/session/index.ts'
import { validate } from '../middleware/validate/index.ts'

const Channel = z.enum(['paper', 'kiosk', 'qr', 'web'])
const Kind = z.enum(['province', 'department', 'commune', 'other'])
const Instrument = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/)
const PeriodKey = z.string().regex(/^\d{4}(-Q[1-4])?$/, '2026-Q1 hoặc/or 2026')

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
        z.object({ agency: z.string().max(64).optional(), channel: Channel.optional(), kind: Kind.optional(), to: PeriodKey.optional(), count: z.coerce.number().int().min(1).max(20).default(8) }).strict(),
      ),
      async (c) => c.json(await dashboardTrend(deps, c.var.staff, c.req.param('survey'), c.req.valid('query'))),
    )
    .get('/agencies/:code', validate('query', z.object({ survey: Instrument, period: PeriodKey.optional(), channel: Channel.optional() }).strict()), async (c) =>
      c.json(await dashboardAgency(deps, c.var.staff, c.req.param('code'), c.req.valid('query'))),
    )
    .get(
      '/comments',
      validate(
        'query',
        z
          .object({
            agency: z.string().max(64).optional(),
            q: z.string().max(200).optional(),
            period: PeriodKey.optional(),
            status: z.enum(['all', 'counted', 'spam', 'flagged']).default('all'),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          })
          .strict(),
      ),
      async (c) => c.json(await dashboardComments(deps, c.var.staff, c.req.valid('query'))),
    )
    .post(
      '/responses/:id/moderation',
      requireStaff(deps.db, deps.clock, ['admin', 'manager']),
      csrf(),
      validate('param', z.object({ id: z.coerce.number().int().positive() })),
      validate('json', z.object({ spam: z.boolean(), reason: z.string().max(200).optional() }).strict()),
      async (c) => c.json(await moderateResponse(deps, c.var.staff, c.req.valid('param').id, c.req.valid('json'))),
    )
}
