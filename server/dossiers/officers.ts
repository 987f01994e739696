import { listAgencies } from '../agencies/repository.ts'
import type { Db } from '../db/types.ts'
import { ANSWERED, computeIndex, emptyCounts, type UnitCounts } from '../domain/indices.ts'
import { formatPeriod, quartersOf, type Period } from '../domain/periods.ts'
import type { OfficerResult, OneStopReport, Tt01Figures } from '../domain/report-types.ts'
import { countsBy, instrumentRules } from '../reports/service.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { ratesByAgency, ratesByOfficer } from './rates.ts'
import { answerCountsByOfficer, listOfficers } from './repository.ts'

/** The instrument whose indicators are aggregated per officer (Thông tư 01/2018, điều 15: 1, 2, 3, 4 and 7). */
export const TT01 = 'tt01-2018'
/** The quick rating, whose `staff` question is the officer's share satisfied. */
export const QUICK = 'mot-cua'

export type { OfficerResult, Tt01Figures }

function countsFrom(rows: Awaited<ReturnType<typeof answerCountsByOfficer>>) {
  const out = new Map<number, UnitCounts>()
  const get = (id: number) => out.get(id) ?? (out.set(id, emptyCounts()), out.get(id)!)
  for (const r of rows.responses) get(r.officer).responses += r.count
  for (const a of rows.answers) {
    const q = (get(a.officer).questions[a.question] ??= {})
    q[String(a.value)] = (q[String(a.value)] ?? 0) + a.count
    q[ANSWERED] = (q[ANSWERED] ?? 0) + a.count
  }
  return out
}

/** TT01 points of some counts; below the minimum sample only n is given. */
function tt01Of(rules: Awaited<ReturnType<typeof instrumentRules>>['rules'], counts: UnitCounts | undefined, minSample: number, withhold: boolean): Tt01Figures {
  const f = computeIndex(rules, counts ?? emptyCounts())
  const sufficient = f.n >= minSample
  const hide = withhold && !sufficient
  return {
    n: f.n,
    sufficient,
    indicators: Object.fromEntries(Object.entries(f.criteria).map(([k, v]) => [k, hide ? null : v])),
    indicatorsN: f.criteriaN,
    total: hide ? null : f.index,
  }
}

/**
 * Per-officer results of a period for some agencies: TT01 indicators, the quick rating's staff question
 * and the response rate. An officer below the minimum sample shows n only: a few answers say little about
 * one person and would name who gave them.
 */
export async function officerResults(
  db: Db,
  catalog: SurveyCatalog,
  opts: { agencyIds: number[]; period: Period; minSample: number; rateInstrument?: string },
): Promise<OfficerResult[]> {
  const quarters = quartersOf(opts.period)
  const [officers, agencies, tt01, quick] = await Promise.all([
    listOfficers(db, opts.agencyIds),
    listAgencies(db),
    instrumentRules(db, catalog, TT01, quarters),
    instrumentRules(db, catalog, QUICK, quarters),
  ])
  const byId = new Map(agencies.map((a) => [a.id, a]))
  const ids = officers.map((o) => o.id)
  const [tt01Counts, quickCounts] = await Promise.all([
    answerCountsByOfficer(db, tt01.versionIds, quarters, opts.agencyIds).then(countsFrom),
    answerCountsByOfficer(db, quick.versionIds, quarters, opts.agencyIds).then(countsFrom),
  ])
  // One instrument's answers per dossier: a citizen may answer both, which would count a dossier twice.
  const rateVersions = (opts.rateInstrument ?? QUICK) === TT01 ? tt01.versionIds : quick.versionIds
  const rates = await ratesByOfficer(db, { surveyVersionIds: rateVersions, quarters, agencyIds: opts.agencyIds }, ids)
  const out: OfficerResult[] = []
  for (const o of officers) {
    const q = computeIndex(quick.rules, quickCounts.get(o.id) ?? emptyCounts())
    const staffN = q.criteriaN.staff ?? 0
    const staffOk = staffN >= opts.minSample
    const agency = byId.get(o.agency_id)!
    out.push({
      id: o.id,
      code: o.code,
      displayName: o.display_name,
      agency: { code: agency.code, name: agency.name },
      responseRate: rates.get(o.id)!,
      tt01: tt01Of(tt01.rules, tt01Counts.get(o.id), opts.minSample, true),
      staff: { n: staffN, sufficient: staffOk, share: staffOk ? (q.criteria.staff ?? null) : null, ci95: null },
    })
  }
  return out
}

export type { OneStopReport }

/**
 * The one-stop evaluation report of Thông tư 01/2018 (điều 15): the per-dossier points aggregated per
 * agency and per officer, each indicator rounded to one decimal and the total their sum.
 */
export async function oneStopReport(db: Db, catalog: SurveyCatalog, opts: { agencyIds: number[]; period: Period; minSample: number }): Promise<OneStopReport> {
  const quarters = quartersOf(opts.period)
  const tt01 = await instrumentRules(db, catalog, TT01, quarters)
  const [counts, agencies, rates, officers] = await Promise.all([
    countsBy(db, { surveyVersionIds: tt01.versionIds, quarters, agencyIds: opts.agencyIds }, 'agency'),
    listAgencies(db),
    ratesByAgency(db, { surveyVersionIds: tt01.versionIds, quarters, agencyIds: opts.agencyIds }),
    officerResults(db, catalog, { ...opts, rateInstrument: TT01 }),
  ])
  const rows = []
  for (const a of agencies.filter((x) => opts.agencyIds.includes(x.id)).sort((x, y) => x.code.localeCompare(y.code))) {
    const c = counts.get(a.id)
    const rate = rates.get(a.id)
    if (!c && !rate) continue
    rows.push({
      code: a.code,
      name: a.name,
      responseRate: rate ?? { dossierData: false, dossiers: 0, evaluations: 0, rate: null, byChannel: {} },
      tt01: tt01Of(tt01.rules, c, opts.minSample, false),
    })
  }
  const indicators = tt01.rules.method === 'points' ? tt01.rules.indicators : []
  return { period: formatPeriod(opts.period), minSample: opts.minSample, indicators, agencies: rows, officers }
}
