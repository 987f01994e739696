import { credibility } from '../reports/credibility.ts'
import type { Kysely } from 'kysely'
import { agencyDirectory, agencyInScope, overallScope } from '../agencies/service.ts'
import { audit } from '../audit/service.ts'
import { agencyScope, inScope, staffActor, type StaffUser } from '../auth/scope.ts'
import type { AgencyKind, Channel, Database } from '../db/schema.ts'
import { listDesksOfAgency } from '../desks/repository.ts'
import { DomainError } from '../domain/errors.ts'
import { issuingProvince } from '../domain/whole-scope.ts'
import { computeIndex } from '../domain/indices.ts'
import { parsePeriod, quarterOf, quartersOf, shiftQuarter } from '../domain/periods.ts'
import type { Clock } from '../lib/clock.ts'
import { latestQuarterWithData } from '../reports/repository.ts'
import { maskedComment } from '../privacy/service.ts'
import { countsBy, instrumentRules } from '../reports/service.ts'
import { ratesByAgency, ratesByDesk } from '../dossiers/rates.ts'
import { responseRate } from '../domain/response-rate.ts'
import { listRollupQuarters } from '../rollups/repository.ts'
import { listComments, type CommentQuery } from '../responses/repository.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { listSurveyVersions } from '../surveys/repository.ts'
import { computedOnce } from '../db/computed-once.ts'

/** What the dashboard's read models need from the app. */
export interface DashboardDeps {
  db: Kysely<Database>
  catalog: SurveyCatalog
  clock: Clock
  timeZone: string
  minSample: number
}

/** Read models for the Home Affairs dashboard: everything scoped to what the signed-in user may see. */
export async function dashboardMeta(deps: DashboardDeps, staff: StaffUser) {
  const directory = await agencyDirectory(deps.db)
  const agencies = directory.filter((a) => inScope(staff, a.id) && a.active)
  const byId = new Map(agencies.map((a) => [a.id, a.code]))
  const versions = (await listSurveyVersions(deps.db)).filter((v) => v.status !== 'draft')
  const instruments = [...new Map(versions.map((v) => [v.instrument, v])).values()].map((v) => ({ id: v.instrument, title: JSON.parse(v.content).title }))
  return {
    currentQuarter: quarterOf(deps.clock.now(), deps.timeZone),
    quarters: await listRollupQuarters(deps.db),
    instruments,
    minSample: deps.minSample,
    agencies: agencies.map((a) => ({ code: a.code, name: a.name, kind: a.kind, parent: a.parent_id ? (byId.get(a.parent_id) ?? null) : null })),
    /** What the overall figure is called ('Toàn tỉnh' or 'Toàn quốc'): the deployment's, whatever this user sees. */
    wholeScope: await overallScope(deps.db),
    /** The province a printed report is issued under (its UBND and Sở Nội vụ); null for the Ministry. */
    province: issuingProvince(directory, staff.agencyId),
  }
}

/** The index of one instrument over the last `count` quarters up to `to`, deployment-wide or for one agency. */
export async function dashboardTrend(
  deps: DashboardDeps,
  staff: StaffUser,
  survey: string,
  q: { agency?: string; channel?: Channel; kind?: AgencyKind; to?: string; count: number },
) {
  const to = q.to && q.to.includes('-Q') ? q.to : quarterOf(deps.clock.now(), deps.timeZone)
  const quarters = Array.from({ length: q.count }, (_, i) => shiftQuarter(to, i - q.count + 1))
  const agency = q.agency ? await agencyInScope(deps.db, staff, q.agency) : null
  const { rules, versionIds } = await instrumentRules(deps.db, deps.catalog, survey, quarters)
  // The same filters as the report beside it: a kind filter counts that kind's agencies only.
  const agencyIds = agency ? [agency.id] : q.kind ? (await agencyDirectory(deps.db)).filter((a) => a.kind === q.kind).map((a) => a.id) : undefined
  const key = JSON.stringify(['trend', versionIds, quarters, q.channel ?? null, agency?.id ?? null, q.kind ?? null])
  const counts = await computedOnce(deps.db, key, () => countsBy(deps.db, { surveyVersionIds: versionIds, quarters, channel: q.channel, agencyIds }, 'quarter'))
  return {
    survey,
    agency: agency?.code ?? null,
    filters: { channel: q.channel ?? null, kind: agency ? null : (q.kind ?? null) },
    points: quarters.map((period) => {
      const r = counts.get(period)
      const figures = r ? computeIndex(rules, r) : null
      return { period, n: figures?.n ?? 0, index: figures?.index ?? null, ci95: figures?.ci95 ?? null, sufficient: (figures?.n ?? 0) >= deps.minSample }
    }),
  }
}

/**
 * One agency's figures for a period, split by desk, channel and procedure. Without a period: the newest
 * quarter with answers for this agency (a bare agency URL must not say "no data"), else the current one.
 */
export async function dashboardAgency(deps: DashboardDeps, staff: StaffUser, code: string, q: { survey: string; period?: string; channel?: Channel }) {
  const agency = await agencyInScope(deps.db, staff, code)
  const period =
    q.period ??
    (await latestQuarterWithData(
      deps.db,
      (await listSurveyVersions(deps.db)).filter((v) => v.instrument === q.survey && v.status !== 'draft').map((v) => v.id),
      [agency.id],
    )) ??
    quarterOf(deps.clock.now(), deps.timeZone)
  const quarters = quartersOf(parsePeriod(period))
  const { rules, versionIds } = await instrumentRules(deps.db, deps.catalog, q.survey, quarters)
  const filter = { surveyVersionIds: versionIds, quarters, channel: q.channel, agencyIds: [agency.id] }
  const split = async (by: 'desk' | 'channel' | 'procedure') =>
    [...(await countsBy(deps.db, filter, by)).entries()].map(([key, counts]) => ({ key: String(key), ...computeIndex(rules, counts) }))
  const desks = new Map((await listDesksOfAgency(deps.db, agency.id)).map((d) => [String(d.id), d]))
  const own = (await countsBy(deps.db, filter, 'agency')).get(agency.id)
  const agencyRate = (await ratesByAgency(deps.db, filter)).get(agency.id) ?? responseRate(0, {})
  const deskRates = await ratesByDesk(deps.db, filter, [...desks.keys()].map(Number))
  return {
    agency: { code: agency.code, name: agency.name, kind: agency.kind },
    survey: q.survey,
    period,
    figures: own ? computeIndex(rules, own) : null,
    byDesk: (await split('desk')).map((d) => ({ ...d, desk: d.key === '0' ? null : { code: desks.get(d.key)?.code ?? d.key, name: desks.get(d.key)?.name ?? d.key } })),
    byChannel: await split('channel'),
    byProcedure: (await split('procedure')).filter((p) => p.key !== ''),
    // Evaluations ÷ dossiers returned; every desk is listed, a desk without dossiers with no rate.
    responseRate: {
      agency: agencyRate,
      byDesk: [...deskRates]
        .filter(([id, r]) => id !== 0 || r.evaluations > 0 || r.dossiers > 0)
        .map(([id, r]) => ({ desk: id === 0 ? null : { code: desks.get(String(id))?.code ?? String(id), name: desks.get(String(id))?.name ?? String(id) }, ...r })),
    },
    credibility: await credibility(deps.db, deps.catalog, { agencyId: agency.id, rules, versionIds, quarters }),
  }
}

/** Citizens' comments within the staff member's scope (or one agency of it and the agencies below). */
export async function dashboardComments(deps: DashboardDeps, staff: StaffUser, q: Omit<CommentQuery, 'agencyIds' | 'period' | 'timeZone'> & { agency?: string; period?: string }) {
  return maskedList(await commentsInScope(deps, staff, q))
}

async function commentsInScope(deps: DashboardDeps, staff: StaffUser, q: Omit<CommentQuery, 'agencyIds' | 'period' | 'timeZone'> & { agency?: string; period?: string }) {
  const agency = q.agency ? await agencyInScope(deps.db, staff, q.agency) : null
  const scope = agency ? await agencyScope(deps.db, agency.id) : staff.scope
  return listComments(deps.db, { ...q, agencyIds: scope ? [...scope] : null, period: q.period ? parsePeriod(q.period) : undefined, timeZone: deps.timeZone })
}

// Personal data typed by citizens is masked on every staff screen; an admin may ask for one comment in clear.
const maskedList = <T extends { text: string | null }>(list: { total: number; items: T[] }) => ({ ...list, items: list.items.map(maskedComment) })

const EXPORT_MAX = 100_000
const adminsOnly = () => new DomainError('forbidden', 'forbidden', { vi: 'Chỉ quản trị viên được xem bản gốc chưa che', en: 'Only administrators may see the unmasked text' })

/** Every comment the filter finds for an export, masked unless an admin asked for the clear text; audited. */
export async function dashboardCommentsExport(
  deps: DashboardDeps,
  staff: StaffUser,
  q: { agency?: string; q?: string; period?: string; status: CommentQuery['status']; clear: boolean },
  format: 'csv' | 'xlsx',
) {
  if (q.clear && staff.role !== 'admin') throw adminsOnly()
  const list = await commentsInScope(deps, staff, { ...q, limit: EXPORT_MAX, offset: 0 })
  const rows = q.clear ? list.items : maskedList(list).items
  const details = { format, clear: q.clear, rows: rows.length, filter: { q: q.q ?? null, period: q.period ?? null, status: q.status } }
  await audit(deps.db, { actor: staffActor(staff), action: 'comments.export', target: q.agency ? `agency:${q.agency}` : 'comments', details }, deps.clock.now())
  return rows
}
