import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { findAgencyByCode, listAgencies } from '../agencies/repository.ts'
import { appendAudit } from '../audit/service.ts'
import { agencyScope } from '../auth/scope.ts'
import { DomainError } from '../domain/errors.ts'
import { computeIndex } from '../domain/indices.ts'
import { parsePeriod, quarterOf, quartersOf, shiftQuarter } from '../domain/periods.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { inScope, requireStaff, type StaffUser } from '../middleware/session/index.ts'
import { validate } from '../middleware/validate/index.ts'
import { countsBy, instrumentRules } from '../reports/service.ts'
import { listComments } from '../responses/comments.ts'
import { setResponseFlags } from '../responses/moderation.ts'
import { listSurveyVersions } from '../surveys/repository.ts'

const Channel = z.enum(['paper', 'kiosk', 'qr', 'web'])
const Instrument = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/)
const PeriodKey = z.string().regex(/^\d{4}(-Q[1-4])?$/, '2026-Q1 hoặc/or 2026')

const notFound = () => new DomainError('not_found', 'not_found', { vi: 'Không tìm thấy hoặc ngoài phạm vi được xem', en: 'Not found, or outside what you may see' })

/** An agency by code, only when the staff member may see it (404 otherwise: no hint that it exists). */
async function scopedAgency(deps: AppDeps, staff: StaffUser, code: string) {
  const agency = await findAgencyByCode(deps.db, code)
  if (!agency || !inScope(staff, agency.id)) throw notFound()
  return agency
}

/** Read models for the Home Affairs dashboard: everything scoped to what the signed-in user may see. */
export function dashboardRoutes(deps: AppDeps) {
  const staff = requireStaff(deps.db, deps.clock)
  return new Hono()
    .use(staff)
    .get('/meta', async (c) => {
      const agencies = (await listAgencies(deps.db)).filter((a) => inScope(c.var.staff, a.id) && a.active)
      const byId = new Map(agencies.map((a) => [a.id, a.code]))
      const versions = (await listSurveyVersions(deps.db)).filter((v) => v.status !== 'draft')
      const instruments = [...new Map(versions.map((v) => [v.instrument, v])).values()].map((v) => ({ id: v.instrument, title: JSON.parse(v.content).title }))
      const quarters = (await deps.db.selectFrom('rollups').select('quarter').distinct().orderBy('quarter', 'desc').execute()).map((r) => r.quarter)
      return c.json({
        currentQuarter: quarterOf(deps.clock.now(), deps.timeZone),
        quarters,
        instruments,
        minSample: deps.minSample,
        agencies: agencies.map((a) => ({ code: a.code, name: a.name, kind: a.kind, parent: a.parent_id ? (byId.get(a.parent_id) ?? null) : null })),
      })
    })
    .get(
      '/trend/:survey',
      validate('query', z.object({ agency: z.string().max(64).optional(), channel: Channel.optional(), to: PeriodKey.optional(), count: z.coerce.number().int().min(1).max(20).default(8) }).strict()),
      async (c) => {
        const q = c.req.valid('query')
        const to = q.to && q.to.includes('-Q') ? q.to : quarterOf(deps.clock.now(), deps.timeZone)
        const quarters = Array.from({ length: q.count }, (_, i) => shiftQuarter(to, i - q.count + 1))
        const agency = q.agency ? await scopedAgency(deps, c.var.staff, q.agency) : null
        const { rules, versionIds } = await instrumentRules(deps.db, deps.catalog, c.req.param('survey'), quarters)
        const counts = await countsBy(deps.db, { surveyVersionIds: versionIds, quarters, channel: q.channel, agencyIds: agency ? [agency.id] : undefined }, 'quarter')
        return c.json({
          survey: c.req.param('survey'),
          agency: agency?.code ?? null,
          points: quarters.map((period) => {
            const r = counts.get(period)
            const figures = r ? computeIndex(rules, r) : null
            return { period, n: figures?.n ?? 0, index: figures?.index ?? null, ci95: figures?.ci95 ?? null, sufficient: (figures?.n ?? 0) >= deps.minSample }
          }),
        })
      },
    )
    .get('/agencies/:code', validate('query', z.object({ survey: Instrument, period: PeriodKey, channel: Channel.optional() }).strict()), async (c) => {
      const q = c.req.valid('query')
      const agency = await scopedAgency(deps, c.var.staff, c.req.param('code'))
      const quarters = quartersOf(parsePeriod(q.period))
      const { rules, versionIds } = await instrumentRules(deps.db, deps.catalog, q.survey, quarters)
      const filter = { surveyVersionIds: versionIds, quarters, channel: q.channel, agencyIds: [agency.id] }
      const split = async (by: 'desk' | 'channel' | 'procedure') =>
        [...(await countsBy(deps.db, filter, by)).entries()].map(([key, counts]) => ({ key: String(key), ...computeIndex(rules, counts) }))
      const desks = new Map((await deps.db.selectFrom('desks').select(['id', 'code', 'name']).where('agency_id', '=', agency.id).execute()).map((d) => [String(d.id), d]))
      const own = (await countsBy(deps.db, filter, 'agency')).get(agency.id)
      return c.json({
        agency: { code: agency.code, name: agency.name, kind: agency.kind },
        survey: q.survey,
        period: q.period,
        figures: own ? computeIndex(rules, own) : null,
        byDesk: (await split('desk')).map((d) => ({ ...d, desk: d.key === '0' ? null : { code: desks.get(d.key)?.code ?? d.key, name: desks.get(d.key)?.name ?? d.key } })),
        byChannel: await split('channel'),
        byProcedure: (await split('procedure')).filter((p) => p.key !== ''),
      })
    })
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
      async (c) => {
        const q = c.req.valid('query')
        const agency = q.agency ? await scopedAgency(deps, c.var.staff, q.agency) : null
        const scope = agency ? await agencyScope(deps.db, agency.id) : c.var.staff.scope
        return c.json(await listComments(deps.db, { ...q, agencyIds: scope ? [...scope] : null, period: q.period ? parsePeriod(q.period) : undefined, timeZone: deps.timeZone }))
      },
    )
    .post(
      '/responses/:id/moderation',
      requireStaff(deps.db, deps.clock, ['admin', 'manager']),
      csrf(),
      validate('param', z.object({ id: z.coerce.number().int().positive() })),
      validate('json', z.object({ spam: z.boolean(), reason: z.string().max(200).optional() }).strict()),
      async (c) => {
        const { id } = c.req.valid('param')
        const { spam, reason } = c.req.valid('json')
        const response = await deps.db.selectFrom('responses').select(['id', 'agency_id']).where('id', '=', id).executeTakeFirst()
        if (!response || !inScope(c.var.staff, response.agency_id)) throw notFound()
        const after = await deps.db.transaction().execute(async (trx) => {
          const r = await setResponseFlags(trx, deps.catalog, id, { spam, reason: spam ? (reason ?? 'spam') : null })
          await appendAudit(trx, { actor: `user:${c.var.staff.username}`, action: spam ? 'response.spam' : 'response.unspam', target: `response:${id}`, details: reason ? { reason } : null }, deps.clock.now())
          return r
        })
        return c.json({ id, spam: after.is_spam === 1 })
      },
    )
}
