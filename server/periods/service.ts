import type { Kysely } from 'kysely'
import { appendAudit } from '../audit/service.ts'
import type { Database } from '../db/schema.ts'
import type { Db } from '../db/types.ts'
import { DomainError } from '../domain/errors.ts'
import { formatPeriod, parsePeriod, periodBounds } from '../domain/periods.ts'
import { canonicalJson, sha256 } from '../lib/canonical-json.ts'
import { buildReport, instrumentRules, type Report, type ReportOptions } from '../reports/service.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import {
  countArrivedAfter,
  countExcludedAfter,
  findClosure,
  findSnapshot,
  freezeRollups,
  insertSnapshot,
  listSnapshots,
  markSnapshot,
  publishedQuarters,
  setClosure,
} from './repository.ts'

export interface PeriodDeps {
  db: Kysely<Database>
  catalog: SurveyCatalog
  timeZone: string
  minSample: number
}

const quarterOnly = (key: string) => {
  const p = parsePeriod(key)
  if (p.kind !== 'quarter') throw new DomainError('invalid', 'quarter_only', { vi: 'Chỉ khoá sổ được từng quý (ví dụ 2026-Q1)', en: 'Only a quarter can be closed (e.g. 2026-Q1)' })
  return p
}

const notClosed = () => new DomainError('conflict', 'quarter_not_closed', { vi: 'Quý này chưa khoá sổ', en: 'This quarter is not closed' })

/**
 * Closes a quarter of an instrument once it has ended: the report as it stands is frozen (its canonical
 * JSON, hash, who, when, method and survey versions), with the counters it came from, and every later view
 * of the quarter reads those. A second closing after a reopening makes the next version.
 */
export async function closeQuarter(deps: PeriodDeps, input: { instrument: string; quarter: string; actor: string }, now: Date) {
  const period = quarterOnly(input.quarter)
  if (now < periodBounds(period, deps.timeZone).end)
    throw new DomainError('conflict', 'quarter_not_ended', {
      vi: `Quý ${input.quarter} chưa kết thúc, chưa thể khoá sổ`,
      en: `Quarter ${input.quarter} has not ended yet and cannot be closed`,
    })
  return deps.db.transaction().execute(async (trx) => {
    const closure = await findClosure(trx, input.instrument, input.quarter)
    if (closure?.snapshot_id) throw new DomainError('conflict', 'quarter_closed', { vi: `Quý ${input.quarter} đã khoá sổ`, en: `Quarter ${input.quarter} is already closed` })
    const report = await buildReport(trx, deps.catalog, { instrument: input.instrument, period, timeZone: deps.timeZone, minSample: deps.minSample })
    const content = canonicalJson(report)
    const hash = sha256(content)
    const at = now.toISOString()
    const snap = await insertSnapshot(trx, {
      instrument: input.instrument,
      quarter: input.quarter,
      content,
      hash,
      method: report.method,
      surveyVersions: report.versions,
      by: input.actor,
      at,
    })
    const { versionIds } = await instrumentRules(trx, deps.catalog, input.instrument, [input.quarter])
    await freezeRollups(trx, snap.id, versionIds, input.quarter)
    await setClosure(trx, input.instrument, input.quarter, { snapshot_id: snap.id })
    await appendAudit(trx, { actor: input.actor, action: 'period.close', target: `period:${input.instrument}/${input.quarter}`, details: { version: snap.version, hash } }, now)
    return { version: snap.version, hash }
  })
}

/** Reopens a closed quarter (with a reason): its figures are live again until it is closed as a new version. */
export async function reopenQuarter(deps: PeriodDeps, input: { instrument: string; quarter: string; actor: string; reason: string }, now: Date) {
  quarterOnly(input.quarter)
  return deps.db.transaction().execute(async (trx) => {
    const closure = await findClosure(trx, input.instrument, input.quarter)
    if (!closure?.snapshot_id) throw notClosed()
    await markSnapshot(trx, closure.snapshot_id, { reopened_by: input.actor, reopened_at: now.toISOString(), reopen_reason: input.reason })
    await setClosure(trx, input.instrument, input.quarter, { snapshot_id: null })
    await appendAudit(
      trx,
      { actor: input.actor, action: 'period.reopen', target: `period:${input.instrument}/${input.quarter}`, details: { reason: input.reason, snapshot: closure.snapshot_id } },
      now,
    )
    return { reopened: true }
  })
}

/** Publishes the closed quarter's snapshot in force to the public page (`/cong-khai`). */
export async function publishQuarter(deps: PeriodDeps, input: { instrument: string; quarter: string; actor: string }, now: Date) {
  quarterOnly(input.quarter)
  return deps.db.transaction().execute(async (trx) => {
    const closure = await findClosure(trx, input.instrument, input.quarter)
    if (!closure?.snapshot_id) throw notClosed()
    await markSnapshot(trx, closure.snapshot_id, { published_by: input.actor, published_at: now.toISOString() })
    await setClosure(trx, input.instrument, input.quarter, { published_snapshot_id: closure.snapshot_id })
    await appendAudit(trx, { actor: input.actor, action: 'period.publish', target: `period:${input.instrument}/${input.quarter}`, details: { snapshot: closure.snapshot_id } }, now)
    return { published: true }
  })
}

/** The stored report of a closed quarter, byte for byte as frozen; undefined when the quarter is open. */
export async function frozenReport(db: Db, instrument: string, quarter: string) {
  const closure = await findClosure(db, instrument, quarter)
  if (!closure?.snapshot_id) return undefined
  return findSnapshot(db, closure.snapshot_id)
}

/** A quarter's closing state for staff: snapshot in force, versions, what arrived or was excluded since. */
export async function periodStatus(deps: PeriodDeps, instrument: string, quarter: string) {
  const period = parsePeriod(quarter)
  const closure = period.kind === 'quarter' ? await findClosure(deps.db, instrument, quarter) : undefined
  const history = period.kind === 'quarter' ? await listSnapshots(deps.db, instrument, quarter) : []
  const current = history.find((h) => h.id === closure?.snapshot_id)
  let late = 0
  let lateExclusions = 0
  if (current) {
    const { versionIds } = await instrumentRules(deps.db, deps.catalog, instrument, [quarter])
    late = await countArrivedAfter(deps.db, versionIds, quarter, current.closed_at)
    lateExclusions = await countExcludedAfter(deps.db, versionIds, quarter, current.closed_at)
  }
  const view = (h: (typeof history)[number]) => ({
    version: h.version,
    hash: h.hash,
    method: h.method,
    surveyVersions: JSON.parse(h.survey_versions) as string[],
    closedBy: h.closed_by,
    closedAt: h.closed_at,
    reopenedBy: h.reopened_by,
    reopenedAt: h.reopened_at,
    reopenReason: h.reopen_reason,
    publishedAt: h.published_at,
  })
  return {
    instrument,
    quarter,
    ended: period.kind === 'quarter' ? periodBounds(period, deps.timeZone).end.toISOString() : null,
    closed: current !== undefined,
    published: closure?.published_snapshot_id ? (history.find((h) => h.id === closure.published_snapshot_id)?.version ?? null) : null,
    snapshot: current ? view(current) : null,
    late,
    lateExclusions,
    history: history.map(view),
  }
}

/** The public list: every published quarter with the version shown. */
export async function publicList(db: Db) {
  return (await publishedQuarters(db)).map((q) => ({ survey: q.instrument, period: q.quarter, version: q.version, hash: q.hash, publishedAt: q.published_at }))
}

/** A published quarter's report as it was published, or undefined when it was not. */
export async function publishedReport(db: Db, instrument: string, quarter: string) {
  const closure = await findClosure(db, instrument, quarter)
  if (!closure?.published_snapshot_id) return undefined
  return findSnapshot(db, closure.published_snapshot_id)
}

/**
 * The report of a period as everyone must see it: a closed quarter, unfiltered, is its frozen snapshot
 * (byte for byte, `snapshot.content`); anything else is computed (a closed quarter's filtered views from
 * its frozen counters). The dashboard, exports, print view and CLI all come here.
 */
export async function officialReport(db: Db, catalog: SurveyCatalog, opts: ReportOptions & { defaultMinSample: number }) {
  const unfiltered = !opts.channel && !opts.kind && opts.minSample === opts.defaultMinSample
  const snapshot = unfiltered && opts.period.kind === 'quarter' ? await frozenReport(db, opts.instrument, formatPeriod(opts.period)) : undefined
  const report: Report = snapshot ? (JSON.parse(snapshot.content) as Report) : await buildReport(db, catalog, opts)
  return { report, snapshot }
}
