import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { findAgencyByCode } from '../agencies/repository.ts'
import { appendAudit, audit } from '../audit/service.ts'
import { notInScope } from '../domain/errors.ts'
import { parsePeriod } from '../domain/periods.ts'
import { oneStopReport, officerResults } from '../dossiers/officers.ts'
import { findOfficerById, setOfficerName } from '../dossiers/repository.ts'
import { oneStopXlsx } from '../exports/one-stop-xlsx.ts'
import { inTransaction } from '../db/transaction.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { requireStaff } from '../middleware/session/index.ts'
import { agencyScope, inScope, staffActor } from '../auth/scope.ts'
import { validate } from '../middleware/validate/index.ts'
import { listAgencies } from '../agencies/repository.ts'
import { PeriodKey } from '../domain/vocabulary-schemas.ts'

const Query = z.object({ period: PeriodKey, agency: z.string().max(64).optional(), survey: z.enum(['mot-cua', 'tt01-2018']).optional() }).strict()
const notFound = notInScope

/**
 * Per-officer results: only admins and the managers of the officer's agency (viewers none), never on a
 * public page, and every view written to the audit log with who looked at what.
 */
export function officerRoutes(deps: AppDeps) {
  const allowed = requireStaff(deps.db, deps.clock, ['admin', 'manager'])
  /** The agencies asked for, within the user's scope: one agency and those below it, or all the user may see. */
  const agencyIds = async (c: Context, code?: string) => {
    if (code) {
      const agency = await findAgencyByCode(deps.db, code)
      if (!agency || !inScope(c.var.staff, agency.id)) throw notFound()
      return [...((await agencyScope(deps.db, agency.id)) ?? [])]
    }
    const scope = c.var.staff.scope
    return scope ? [...scope] : (await listAgencies(deps.db)).map((a) => a.id)
  }
  const viewed = (c: Context, action: string, q: z.infer<typeof Query>, officers: number) =>
    audit(deps.db, { actor: staffActor(c.var.staff), action, target: `officers:${q.agency ?? '*'}/${q.period}`, details: { officers } }, deps.clock.now())
  return new Hono()
    .use(allowed)
    .get('/', validate('query', Query), async (c) => {
      const q = c.req.valid('query')
      const officers = await officerResults(deps.db, deps.catalog, {
        agencyIds: await agencyIds(c, q.agency),
        period: parsePeriod(q.period),
        minSample: deps.minSample,
        rateInstrument: q.survey,
      })
      await viewed(c, 'officers.view', q, officers.length)
      c.header('Cache-Control', 'no-store')
      return c.json({ period: q.period, minSample: deps.minSample, officers })
    })
    .get('/one-stop-report', validate('query', Query), async (c) => {
      const q = c.req.valid('query')
      const report = await oneStopReport(deps.db, deps.catalog, { agencyIds: await agencyIds(c, q.agency), period: parsePeriod(q.period), minSample: deps.minSample })
      await viewed(c, 'officers.report', q, report.officers.length)
      c.header('Cache-Control', 'no-store')
      return c.json(report)
    })
    .get('/one-stop-report/export.xlsx', validate('query', Query), async (c) => {
      const q = c.req.valid('query')
      const report = await oneStopReport(deps.db, deps.catalog, { agencyIds: await agencyIds(c, q.agency), period: parsePeriod(q.period), minSample: deps.minSample })
      await viewed(c, 'officers.report.export', q, report.officers.length)
      const body = await oneStopXlsx(report, { generatedAt: deps.clock.now(), user: c.var.staff.username, timeZone: deps.timeZone })
      c.header('Cache-Control', 'no-store')
      c.header('Content-Disposition', `attachment; filename="hailong-mot-cua-tt01-${report.period}.xlsx"`)
      return c.body(new Uint8Array(body), 200, { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
    })
    .patch(
      '/:id',
      csrf(),
      validate('param', z.object({ id: z.coerce.number().int().positive() })),
      validate('json', z.object({ displayName: z.string().trim().max(100).nullable() }).strict()),
      async (c) => {
        const { id } = c.req.valid('param')
        const name = c.req.valid('json').displayName?.normalize('NFC') || null
        const officer = await findOfficerById(deps.db, id)
        if (!officer || !inScope(c.var.staff, officer.agency_id)) throw notFound()
        await inTransaction(deps.db, async (trx) => {
          await setOfficerName(trx, id, name, deps.clock.now().toISOString())
          await appendAudit(
            trx,
            { actor: staffActor(c.var.staff), action: 'officer.rename', target: `officer:${id}`, details: { code: officer.code, displayName: name } },
            deps.clock.now(),
          )
        })
        return c.json({ id, code: officer.code, displayName: name })
      },
    )
}
