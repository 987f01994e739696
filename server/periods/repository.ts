import { sql } from 'kysely'
import { insertId } from '../db/repository.ts'
import type { Db } from '../db/types.ts'

/** True when the quarter of this survey version's instrument is closed (a frozen snapshot is in force). */
export async function isQuarterClosed(db: Db, surveyVersionId: number, quarter: string): Promise<boolean> {
  const row = await db
    .selectFrom('period_closures as pc')
    .innerJoin('survey_versions as sv', 'sv.instrument', 'pc.instrument')
    .select('pc.snapshot_id')
    .where('sv.id', '=', surveyVersionId)
    .where('pc.quarter', '=', quarter)
    .where('pc.snapshot_id', 'is not', null)
    .executeTakeFirst()
  return row !== undefined
}

/** Closed quarters among these, for the instruments of these survey versions: quarter → snapshot in force. */
export async function frozenSnapshots(db: Db, surveyVersionIds: number[], quarters: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>()
  if (!surveyVersionIds.length || !quarters.length) return out
  const rows = await db
    .selectFrom('period_closures as pc')
    .select(['pc.quarter', 'pc.snapshot_id'])
    .where('pc.quarter', 'in', quarters)
    .where('pc.snapshot_id', 'is not', null)
    .where('pc.instrument', 'in', (eb) => eb.selectFrom('survey_versions').select('instrument').where('id', 'in', surveyVersionIds))
    .execute()
  for (const r of rows) out.set(r.quarter, [...(out.get(r.quarter) ?? []), r.snapshot_id!])
  return out
}

/** When the snapshot in force of each closed quarter among these was taken. */
export async function closingTimes(db: Db, surveyVersionIds: number[], quarters: string[]): Promise<Map<string, string>> {
  if (!surveyVersionIds.length || !quarters.length) return new Map()
  const rows = await db
    .selectFrom('period_closures as pc')
    .innerJoin('report_snapshots as s', 's.id', 'pc.snapshot_id')
    .select(['pc.quarter', 's.closed_at'])
    .where('pc.quarter', 'in', quarters)
    .where('pc.instrument', 'in', (eb) => eb.selectFrom('survey_versions').select('instrument').where('id', 'in', surveyVersionIds))
    .execute()
  return new Map(rows.map((r) => [r.quarter, r.closed_at]))
}

/** `instrument|quarter` of every closed quarter among these quarters (intake marks their late arrivals). */
export async function closedKeys(db: Db, quarters: string[]): Promise<Set<string>> {
  if (!quarters.length) return new Set()
  const rows = await db.selectFrom('period_closures').select(['instrument', 'quarter']).where('quarter', 'in', quarters).where('snapshot_id', 'is not', null).execute()
  return new Set(rows.map((r) => `${r.instrument}|${r.quarter}`))
}

export function findClosure(db: Db, instrument: string, quarter: string) {
  return db.selectFrom('period_closures').selectAll().where('instrument', '=', instrument).where('quarter', '=', quarter).executeTakeFirst()
}

export function findSnapshot(db: Db, id: number) {
  return db.selectFrom('report_snapshots').selectAll().where('id', '=', id).executeTakeFirst()
}

export function listSnapshots(db: Db, instrument: string, quarter: string) {
  return db
    .selectFrom('report_snapshots')
    .select(['id', 'version', 'hash', 'method', 'survey_versions', 'closed_by', 'closed_at', 'reopened_by', 'reopened_at', 'reopen_reason', 'published_by', 'published_at'])
    .where('instrument', '=', instrument)
    .where('quarter', '=', quarter)
    .orderBy('version')
    .execute()
}

export async function insertSnapshot(
  db: Db,
  s: { instrument: string; quarter: string; content: string; hash: string; method: string; surveyVersions: string[]; by: string; at: string },
) {
  const last = await db
    .selectFrom('report_snapshots')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('instrument', '=', s.instrument)
    .where('quarter', '=', s.quarter)
    .executeTakeFirst()
  const version = Number(last?.v ?? 0) + 1
  const id = await insertId(db, 'report_snapshots', {
    instrument: s.instrument,
    quarter: s.quarter,
    version,
    content: s.content,
    hash: s.hash,
    method: s.method,
    survey_versions: JSON.stringify(s.surveyVersions),
    closed_by: s.by,
    closed_at: s.at,
  })
  return { id, version }
}

/** Copies the quarter's live counters of these survey versions under the snapshot: they never change again. */
export async function freezeRollups(db: Db, snapshotId: number, surveyVersionIds: number[], quarter: string) {
  if (!surveyVersionIds.length) return
  await db
    .insertInto('frozen_rollups')
    .columns(['snapshot_id', 'survey_version_id', 'agency_id', 'desk_id', 'channel', 'procedure_code', 'quarter', 'question_id', 'value', 'count'])
    .expression(
      db
        .selectFrom('rollups')
        .select([
          sql<number>`${snapshotId}`.as('snapshot_id'),
          'survey_version_id',
          'agency_id',
          'desk_id',
          'channel',
          'procedure_code',
          'quarter',
          'question_id',
          'value',
          'count',
        ])
        .where('quarter', '=', quarter)
        .where('survey_version_id', 'in', surveyVersionIds)
        .where('count', '!=', 0),
    )
    .execute()
}

export async function setClosure(db: Db, instrument: string, quarter: string, values: { snapshot_id?: number | null; published_snapshot_id?: number | null }) {
  const found = await findClosure(db, instrument, quarter)
  if (found) await db.updateTable('period_closures').set(values).where('instrument', '=', instrument).where('quarter', '=', quarter).execute()
  else
    await db
      .insertInto('period_closures')
      .values({ instrument, quarter, snapshot_id: values.snapshot_id ?? null, published_snapshot_id: values.published_snapshot_id ?? null })
      .execute()
}

export async function markSnapshot(
  db: Db,
  id: number,
  values: { reopened_by?: string; reopened_at?: string; reopen_reason?: string; published_by?: string; published_at?: string },
) {
  await db.updateTable('report_snapshots').set(values).where('id', '=', id).execute()
}

/** Every quarter published to the public page, newest first. */
export function publishedQuarters(db: Db) {
  return db
    .selectFrom('period_closures as pc')
    .innerJoin('report_snapshots as s', 's.id', 'pc.published_snapshot_id')
    .select(['pc.instrument', 'pc.quarter', 's.id', 's.version', 's.hash', 's.published_at', 's.closed_at'])
    .orderBy('pc.quarter', 'desc')
    .orderBy('pc.instrument')
    .execute()
}

/** Responses of the instrument's quarter stored after an instant (late arrivals after closing). */
export async function countArrivedAfter(db: Db, surveyVersionIds: number[], quarter: string, after: string) {
  if (!surveyVersionIds.length) return 0
  const row = await db
    .selectFrom('responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('quarter', '=', quarter)
    .where('survey_version_id', 'in', surveyVersionIds)
    .where('received_at', '>=', after)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Exclusions of the instrument's quarter approved after an instant (kept out of the frozen figures). */
export async function countExcludedAfter(db: Db, surveyVersionIds: number[], quarter: string, after: string) {
  if (!surveyVersionIds.length) return 0
  const row = await db
    .selectFrom('exclusions as e')
    .innerJoin('responses as r', 'r.id', 'e.response_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('e.status', '=', 'approved')
    .where('e.decided_at', '>=', after)
    .where('r.quarter', '=', quarter)
    .where('r.survey_version_id', 'in', surveyVersionIds)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
