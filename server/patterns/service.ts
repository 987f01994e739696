import { agencyDirectory, agencyInScope } from '../agencies/service.ts'
import { agencyScope, type StaffUser } from '../auth/scope.ts'
import type { AgencyKind, Channel } from '../db/schema.ts'
import type { Db } from '../db/types.ts'
import { listDesksOfAgency } from '../desks/repository.ts'
import { deskInScope } from '../desks/service.ts'
import { DomainError } from '../domain/errors.ts'
import { heatCells, WEEKDAYS } from '../domain/heatmap.ts'
import { parsePeriod, periodBounds, quartersOf } from '../domain/periods.ts'
import { instrumentRules } from '../reports/service.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { ratingsByHour } from './repository.ts'
import { readOffThread, type SqliteReader } from '../db/sqlite-reader.ts'
import { computedOnce } from '../db/computed-once.ts'

/** Cells with fewer ratings than this are shown as "too few", their index left out. */
export const DEFAULT_MIN_CELL = 10

export interface HeatMapQuery {
  survey: string
  period: string
  agency?: string
  deskId?: number
  channel?: Channel
  kind?: AgencyKind
  minCell?: number
}

/**
 * When in the week citizens rate, and how satisfied: ratings of the instrument's headline question per
 * local weekday and hour over a period, for what the staff member may see (or one agency or desk of it).
 */
export async function heatMap(deps: { db: Db; catalog: SurveyCatalog; timeZone: string; reader?: SqliteReader }, staff: StaffUser, q: HeatMapQuery) {
  const period = parsePeriod(q.period)
  const { definition, versionIds } = await instrumentRules(deps.db, deps.catalog, q.survey, quartersOf(period))
  const question = definition.index.method === 'share' ? definition.index.headline : undefined
  if (!question)
    throw new DomainError('invalid', 'heatmap_needs_rating', {
      vi: 'Bản đồ nhiệt theo giờ cần phiếu có một câu đánh giá chung (như phiếu đánh giá nhanh mot-cua)',
      en: 'The hour-by-weekday map needs a survey with one overall rating (such as the mot-cua quick rating)',
    })
  const desk = q.deskId !== undefined ? await deskInScope(deps.db, staff, q.deskId) : null
  const agency = q.agency ? await agencyInScope(deps.db, staff, q.agency) : null
  let scope = desk ? null : agency ? await agencyScope(deps.db, agency.id) : staff.scope
  // The dashboard's agency-kind filter: the agencies of that kind among those in scope.
  if (!desk && q.kind) scope = new Set((await agencyDirectory(deps.db)).filter((a) => a.kind === q.kind && (scope === null || scope.has(a.id))).map((a) => a.id))
  const { start, end } = periodBounds(period, deps.timeZone)
  const filter = {
    question,
    surveyVersionIds: versionIds,
    from: start.toISOString(),
    to: end.toISOString(),
    agencyIds: desk ? [desk.agency_id] : scope ? [...scope].sort((a, b) => a - b) : null,
    deskId: desk?.id,
    channel: q.channel,
  }
  // A whole deployment's quarter is a scan of millions of responses: kept until anything is committed.
  const rows = await computedOnce(deps.db, JSON.stringify(['heatmap', filter]), () => readOffThread(deps.reader, ratingsByHour(deps.db, filter)))
  const minCell = q.minCell ?? DEFAULT_MIN_CELL
  const cells = heatCells(rows, deps.timeZone, minCell)
  return {
    survey: q.survey,
    period: q.period,
    question,
    agency: agency ? { code: agency.code, name: agency.name } : null,
    desk: desk ? { id: desk.id, code: desk.code, name: desk.name } : null,
    /** The agency's desks, to choose one. */
    desks: agency ? (await listDesksOfAgency(deps.db, agency.id)).map((d) => ({ id: d.id, code: d.code, name: d.name })) : [],
    timeZone: deps.timeZone,
    minCell,
    n: cells.reduce((s, c) => s + c.n, 0),
    weekdays: WEEKDAYS,
    cells,
  }
}
export type HeatMap = Awaited<ReturnType<typeof heatMap>>
