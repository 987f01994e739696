import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { requireStaff } from '../middleware/session/index.ts'
import { validate } from '../middleware/validate/index.ts'
import { closeQuarter, periodStatus, publishQuarter, reopenQuarter } from '../periods/service.ts'
import { staffActor } from '../auth/scope.ts'

const Instrument = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/)
const Quarter = z.string().regex(/^\d{4}-Q[1-4]$/, '2026-Q1')
const Params = z.object({ survey: Instrument, quarter: Quarter })

/** Closing, reopening and publishing a quarter (admins); its state and snapshot history (all staff). */
export function periodRoutes(deps: AppDeps) {
  const staff = requireStaff(deps.db, deps.clock)
  const admins = requireStaff(deps.db, deps.clock, ['admin'])
  return new Hono()
    .get('/:survey/:quarter', staff, validate('param', Params), async (c) => {
      const { survey, quarter } = c.req.valid('param')
      return c.json(await periodStatus(deps, survey, quarter))
    })
    .post('/:survey/:quarter/close', admins, csrf(), validate('param', Params), async (c) => {
      const { survey, quarter } = c.req.valid('param')
      await closeQuarter(deps, { instrument: survey, quarter, actor: staffActor(c.var.staff) }, deps.clock.now())
      return c.json(await periodStatus(deps, survey, quarter))
    })
    .post(
      '/:survey/:quarter/reopen',
      admins,
      csrf(),
      validate('param', Params),
      validate('json', z.object({ reason: z.string().trim().min(3, 'Ghi lý do mở lại / give the reason for reopening').max(500) }).strict()),
      async (c) => {
        const { survey, quarter } = c.req.valid('param')
        await reopenQuarter(deps, { instrument: survey, quarter, actor: staffActor(c.var.staff), reason: c.req.valid('json').reason }, deps.clock.now())
        return c.json(await periodStatus(deps, survey, quarter))
      },
    )
    .post('/:survey/:quarter/publish', admins, csrf(), validate('param', Params), async (c) => {
      const { survey, quarter } = c.req.valid('param')
      await publishQuarter(deps, { instrument: survey, quarter, actor: staffActor(c.var.staff) }, deps.clock.now())
      return c.json(await periodStatus(deps, survey, quarter))
    })
}
