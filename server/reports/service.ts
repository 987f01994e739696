import { agencyDirectory } from '../agencies/service.ts'
import type { AgencyKind, Channel } from '../db/schema.ts'
import type { Db } from '../db/types.ts'
import { unknownSurvey } from '../domain/errors.ts'
import { addCountsInto, computeIndex, emptyCounts, type IndexResult, type UnitCounts } from '../domain/indices.ts'
import type { IndexRules } from '../domain/survey-definition.ts'
import { perAgency } from './agency-inputs.ts'
import { formatPeriod, previousPeriod, quartersOf, type Period } from '../domain/periods.ts'
import { compareWithPrevious, rankUnits, type Rankable } from '../domain/ranking.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { listSurveyVersions } from '../surveys/repository.ts'
import { sumRollups, versionsUsed, type CountFilter, type SplitBy } from './repository.ts'
import { ratesByAgency } from '../dossiers/rates.ts'
import type { Figures, Report, UnitReport } from '../domain/report-types.ts'
import { combinedRate, responseRate } from '../domain/response-rate.ts'
import { excludedCounts } from '../moderation/repository.ts'
import { closingTimes } from '../periods/repository.ts'
import { computedOnce } from '../db/computed-once.ts'
import { keepRecent } from '../lib/recent.ts'

export interface ReportOptions {
  instrument: string
  period: Period
  timeZone: string
  minSample: number
  channel?: Channel
  /** Rank only agencies of this kind (departments and communes are ranked separately or together). */
  kind?: AgencyKind
}

export type { Figures, Report, UnitReport }

// Figures and units are built as one literal and then assignments, in the same order every time, rather
// than with spreads or Object.assign: those leave V8 objects that freeze and turn into JSON several times
// slower, and a national report has thousands of units.
/** Shared by every unit without exclusions: thousands of empty objects would each be frozen. */
const NOTHING_EXCLUDED: Record<string, number> = Object.freeze({})

const FIGURES = ['n', 'index', 'ci95', 'elements', 'criteria', 'criteriaN'] as const
function withFigures<T extends object>(target: T, r: IndexResult): T & Figures {
  const out = target as T & Figures
  for (const key of FIGURES) (out as Record<string, unknown>)[key] = r[key]
  if (r.expectations) {
    out.expectations = r.expectations
    out.expectationsN = r.expectationsN
  }
  if (r.reasons) {
    out.reasons = r.reasons
    out.reasonsN = r.reasonsN
  }
  return out
}
const figures = (r: IndexResult): Figures => withFigures({}, r)

/** Sums rollups into index inputs, one per value of the split (agency id, desk id, channel, quarter…). */
export async function countsBy(db: Db, filter: CountFilter, split: SplitBy) {
  const out = new Map<string | number, UnitCounts>()
  for (const row of await sumRollups(db, filter, split)) {
    let c = out.get(row.key)
    if (!c) out.set(row.key, (c = emptyCounts()))
    if (row.question === '*') c.responses += row.count
    else (c.questions[row.question] ??= {})[row.value] = (c.questions[row.question]?.[row.value] ?? 0) + row.count
  }
  return out
}

/**
 * Index inputs per agency. Unfiltered, kept per agency between reports and read again only for agencies
 * whose cells moved (agency-inputs.ts); a channel filter reads the desk-level cells each time.
 */
const countsByAgency = (db: Db, surveyVersionIds: number[], quarters: string[], channel?: Channel): Promise<ReadonlyMap<number, UnitCounts>> => {
  const read = async (agencyIds?: number[]) => (await countsBy(db, { surveyVersionIds, quarters, channel, agencyIds }, 'agency')) as Map<number, UnitCounts>
  return channel ? read() : perAgency(db, 'counts', surveyVersionIds, quarters, read)
}

// An agency's kept counts are the same object until its cells move, so its index is computed once for
// them (per rules: a newer survey version brings other rules).
const indexMemo = new WeakMap<UnitCounts, { rules: IndexRules; result: IndexResult }>()
function indexOf(rules: IndexRules, counts: UnitCounts): IndexResult {
  const kept = indexMemo.get(counts)
  if (kept?.rules === rules) return kept.result
  const result = computeIndex(rules, counts)
  if (Object.isFrozen(counts)) indexMemo.set(counts, { rules, result })
  return result
}

// The index of a sum of agencies (a parent, the whole scope), kept while the same kept counts make it up.
const sumMemo = new Map<string, { rules: IndexRules; parts: readonly UnitCounts[]; result: IndexResult }>()
function indexOfSum(memoKey: string, rules: IndexRules, parts: readonly UnitCounts[]): IndexResult {
  const kept = sumMemo.get(memoKey)
  if (kept && kept.rules === rules && kept.parts.length === parts.length && kept.parts.every((p, i) => p === parts[i])) return kept.result
  const total = emptyCounts()
  for (const p of parts) addCountsInto(total, p)
  const result = computeIndex(rules, total)
  // Only kept (frozen) counts can be the same next time; holding others would only hold memory.
  if (parts.every((p) => Object.isFrozen(p))) keepRecent(sumMemo, memoKey, { rules, parts, result }, 2_000)
  else sumMemo.delete(memoKey)
  return result
}

/**
 * The survey versions of an instrument, and the index rules to apply: those of the newest version used in
 * the quarters (answers are matched across versions by their stable question ids).
 */
export async function instrumentRules(db: Db, catalog: SurveyCatalog, instrument: string, quarters: string[]) {
  const versions = (await listSurveyVersions(db)).filter((v) => v.instrument === instrument && v.status !== 'draft')
  if (!versions.length) throw unknownSurvey({ vi: `Không có phiếu khảo sát ${instrument}`, en: `No survey ${instrument}` })
  const used = await versionsUsed(db, instrument, quarters)
  const version = (await catalog.get((used.at(-1) ?? versions.at(-1)!).id, db))!
  return { rules: version.definition.index, definition: version.definition, versionIds: versions.map((v) => v.id), used: used.map((v) => `${instrument}@${v.version}`) }
}

/**
 * The satisfaction report of one instrument for one period (Report JSON of exchange-formats.md): the
 * province overall, every agency with answers of its own ranked, and the change on the period before.
 * At the national shape it costs hundreds of milliseconds, so it is computed once per state of the data
 * and shared (frozen) until anything is committed.
 */
export function buildReport(db: Db, catalog: SurveyCatalog, opts: ReportOptions): Promise<Report> {
  const { instrument, period, timeZone, minSample, channel, kind } = opts
  const key = JSON.stringify(['report', instrument, formatPeriod(period), timeZone, minSample, channel ?? null, kind ?? null])
  return computedOnce(db, key, () => computeReport(db, catalog, opts))
}

const previousRankings = new Map<
  string,
  { counts: ReadonlyMap<number, UnitCounts>; agencies: unknown; rules: IndexRules; ranked: ReadonlyArray<Rankable & { key: string; rank: number | null }> }
>()

async function computeReport(db: Db, catalog: SurveyCatalog, opts: ReportOptions): Promise<Report> {
  const quarters = quartersOf(opts.period)
  const previousQuarters = quartersOf(previousPeriod(opts.period))
  const { rules, versionIds: ids, used } = await instrumentRules(db, catalog, opts.instrument, quarters)
  const [wholeScope, current, previous, agencies, rates, excludedRows] = await Promise.all([
    opts.kind || opts.channel ? undefined : countsBy(db, { surveyVersionIds: ids, quarters }, 'quarter'),
    countsByAgency(db, ids, quarters, opts.channel),
    countsByAgency(db, ids, previousQuarters, opts.channel),
    agencyDirectory(db),
    ratesByAgency(db, { surveyVersionIds: ids, quarters, channel: opts.channel }),
    excludedByAgency(db, ids, quarters, opts.channel),
  ])
  const byId = new Map(agencies.map((a) => [a.id, a]))
  const byCode = new Map(agencies.map((a) => [a.code, a]))
  const inScope = (id: number) => !opts.kind || byId.get(id)?.kind === opts.kind

  // Ranked as small objects (code, kind, n, index) and given their figures once at the end: at the
  // national shape every copy of a full unit costs milliseconds.
  const unitsOf = (counts: ReadonlyMap<number, UnitCounts>) => {
    const out: Array<{ key: string; kind: AgencyKind; n: number; index: number | null; result: IndexResult }> = []
    for (const [id, c] of counts) {
      const a = byId.get(id)
      if (c.responses <= 0 || !a || !inScope(id)) continue
      const result = indexOf(rules, c)
      out.push({ key: a.code, kind: a.kind, n: result.n, index: result.index, result })
    }
    return out
  }
  // The period before rarely changes: its ranking is kept while its counts, the directory and the rules are the same objects.
  const previousKey = JSON.stringify([opts.instrument, formatPeriod(opts.period), opts.minSample, opts.channel ?? null, opts.kind ?? null])
  let before = previousRankings.get(previousKey)
  if (!before || before.counts !== previous || before.agencies !== agencies || before.rules !== rules) {
    before = keepRecent(previousRankings, previousKey, { counts: previous, agencies, rules, ranked: rankUnits(unitsOf(previous), opts.minSample) }, 16)
  }
  const ranked = compareWithPrevious(rankUnits(unitsOf(current), opts.minSample), before.ranked)
  const rankInKind = new Map<string, number | null>()
  for (const kind of new Set(ranked.map((u) => u.kind)))
    for (const u of rankUnits(
      ranked.filter((x) => x.kind === kind),
      opts.minSample,
    ))
      rankInKind.set(u.key, u.rank)

  const units: UnitReport[] = ranked.map((u) => {
    const a = byCode.get(u.key)!
    const parent = a.parent_id ? (byId.get(a.parent_id)?.code ?? null) : null
    const unit = withFigures({ agency: a.code, name: a.name, kind: a.kind, parent }, u.result) as UnitReport
    unit.sufficient = u.sufficient
    unit.rank = u.rank
    unit.previousRank = u.previousRank
    unit.rankChange = u.rankChange
    unit.previousIndex = u.previousIndex
    unit.indexChange = u.indexChange
    unit.rankInKind = rankInKind.get(u.key) ?? null
    unit.responseRate = rates.get(a.id) ?? responseRate(0, {})
    unit.excluded = excludedRows.get(a.id) ?? NOTHING_EXCLUDED
    return unit
  })
  const excluded: Record<string, number> = {}
  for (const [id, byReason] of excludedRows) if (inScope(id)) for (const [reason, n] of Object.entries(byReason)) excluded[reason] = (excluded[reason] ?? 0) + n

  // The whole scope: unfiltered, the deployment-wide cells (total_rollups, kept with the agency cells in
  // the same transactions, the very cells the trend's line reads); filtered by kind, the sum of the agencies.
  const all: UnitCounts[] = []
  if (wholeScope) all.push(...wholeScope.values())
  else for (const [id, c] of current) if (inScope(id)) all.push(c)

  // Each agency's own counts plus those of every agency below it in scope (a province has thousands).
  const subtree = new Map<number, UnitCounts[]>()
  for (const [id, c] of current) {
    if (!inScope(id)) continue
    for (let p = byId.get(id)?.parent_id ?? null, guard = 0; p !== null && guard < 64; p = byId.get(p)?.parent_id ?? null, guard++) {
      let parts = subtree.get(p)
      if (!parts) subtree.set(p, (parts = current.has(p) ? [current.get(p)!] : []))
      parts.push(c)
    }
  }
  const sumKey = (id: number | string) => JSON.stringify([opts.instrument, formatPeriod(opts.period), opts.kind ?? null, id])
  const parents = [...subtree.entries()]
    .filter(([id]) => byId.get(id)?.parent_id !== null)
    .map(([id, parts]) => ({ agency: byId.get(id)!.code, name: byId.get(id)!.name, kind: byId.get(id)!.kind, ...figures(indexOfSum(sumKey(id), rules, parts)) }))
    .sort((a, b) => a.agency.localeCompare(b.agency))

  return {
    survey: opts.instrument,
    period: formatPeriod(opts.period),
    timezone: opts.timeZone,
    minSample: opts.minSample,
    method: rules.method,
    versions: used,
    filters: { channel: opts.channel ?? null, kind: opts.kind ?? null },
    overall: { ...figures(indexOfSum(sumKey('*'), rules, all)), responseRate: combinedRate([...rates].filter(([id]) => inScope(id)).map(([, r]) => r)) },
    units,
    parents,
    excluded,
  }
}

/**
 * Approved exclusions per agency and reason. In a closed quarter only those approved before its closing
 * count, like the frozen figures they belong to; later ones are shown apart ("loại trừ sau khi khoá sổ").
 */
export async function excludedByAgency(db: Db, surveyVersionIds: number[], quarters: string[], channel?: Channel) {
  const cutoffs = await closingTimes(db, surveyVersionIds, quarters)
  const out = new Map<number, Record<string, number>>()
  for (const r of await excludedCounts(db, surveyVersionIds, quarters, channel)) {
    const cutoff = cutoffs.get(r.quarter)
    if (cutoff && r.decidedAt! >= cutoff) continue
    const m = out.get(r.agencyId) ?? out.set(r.agencyId, {}).get(r.agencyId)!
    m[r.reason] = (m[r.reason] ?? 0) + 1
  }
  return out
}
