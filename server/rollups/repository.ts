import { sql } from 'kysely'
import type { Db } from '../db/types.ts'
import type { Insertable } from 'kysely'
import type { AgencyRollupTable, Channel, RatingMinuteTable, RollupTable, TotalRollupTable } from '../db/schema.ts'
import { refillRatingMinutes } from '../alerts/repository.ts'
import { RATING_QUESTION, ratingMinute } from '../domain/alert-rules.ts'

export interface RollupBucket {
  surveyVersionId: number
  agencyId: number
  deskId: number | null
  channel: Channel
  procedureCode: string | null
  quarter: string
}

export interface RollupChange {
  bucket: RollupBucket
  cells: Array<{ question: string; value: string }>
  delta: 1 | -1
  /** The response's tap time (ISO): its rating moves that minute's count in rating_minutes. */
  ratedAt: string
}

/**
 * Adds the changes to their cells in the caller's transaction, same cells merged first, so a group of
 * responses costs one upsert per few hundred distinct cells; and the same changes to the agency-level
 * cells (agency_rollups), the deployment-wide ones (total_rollups) and the ratings' minutes
 * (rating_minutes, what the unhappy-burst rule sums), in the same transaction, so they never disagree.
 */
export async function applyRollupChanges(db: Db, changes: RollupChange[]) {
  const merged = new Map<string, Insertable<RollupTable>>()
  const minutes = new Map<string, RatingMinuteTable>()
  for (const { bucket, cells, delta, ratedAt } of changes)
    for (const c of cells) {
      const rating = c.question === RATING_QUESTION ? Number(c.value) : NaN
      if (Number.isInteger(rating)) {
        const m = { desk_id: bucket.deskId ?? 0, agency_id: bucket.agencyId, minute: ratingMinute(ratedAt), value: rating, count: 0 }
        const key = [m.desk_id, m.agency_id, m.minute, m.value].join('\u0000')
        const found = minutes.get(key) ?? minutes.set(key, m).get(key)!
        found.count += delta
      }
      const row = {
        survey_version_id: bucket.surveyVersionId,
        agency_id: bucket.agencyId,
        desk_id: bucket.deskId ?? 0,
        channel: bucket.channel,
        procedure_code: bucket.procedureCode ?? '',
        quarter: bucket.quarter,
        question_id: c.question,
        value: c.value,
        count: 0,
      }
      const key = [row.quarter, row.survey_version_id, row.agency_id, row.desk_id, row.channel, row.procedure_code, row.question_id, row.value].join('\u0000')
      const found = merged.get(key) ?? merged.set(key, row).get(key)!
      found.count += delta
    }
  const rows = [...merged.values()].filter((r) => r.count !== 0)
  const byAgency = new Map<string, Insertable<AgencyRollupTable>>()
  for (const r of rows) {
    const key = [r.quarter, r.survey_version_id, r.agency_id, r.question_id, r.value].join('\u0000')
    const found =
      byAgency.get(key) ??
      byAgency.set(key, { quarter: r.quarter, survey_version_id: r.survey_version_id, agency_id: r.agency_id, question_id: r.question_id, value: r.value, count: 0 }).get(key)!
    found.count += r.count
  }
  const agencyRows = [...byAgency.values()].filter((r) => r.count !== 0)
  const byTotal = new Map<string, Insertable<TotalRollupTable>>()
  for (const r of agencyRows) {
    const key = [r.quarter, r.survey_version_id, r.question_id, r.value].join('\u0000')
    const found =
      byTotal.get(key) ?? byTotal.set(key, { quarter: r.quarter, survey_version_id: r.survey_version_id, question_id: r.question_id, value: r.value, count: 0 }).get(key)!
    found.count += r.count
  }
  const totalRows = [...byTotal.values()].filter((r) => r.count !== 0)
  for (let i = 0; i < rows.length; i += 300)
    await db
      .insertInto('rollups')
      .values(rows.slice(i, i + 300))
      .onConflict((oc) =>
        oc
          .columns(['quarter', 'survey_version_id', 'agency_id', 'desk_id', 'channel', 'procedure_code', 'question_id', 'value'])
          .doUpdateSet({ count: sql<number>`rollups.count + excluded.count` }),
      )
      .execute()
  for (let i = 0; i < agencyRows.length; i += 300)
    await db
      .insertInto('agency_rollups')
      .values(agencyRows.slice(i, i + 300))
      .onConflict((oc) =>
        oc.columns(['quarter', 'survey_version_id', 'agency_id', 'question_id', 'value']).doUpdateSet({ count: sql<number>`agency_rollups.count + excluded.count` }),
      )
      .execute()
  // Every agency whose desk-level cells moved, even where its own cells net to nothing (its response
  // rate reads the desk level). Sorted, so concurrent transactions lock the counters in one order.
  const touched = [...new Map(rows.map((r) => [`${r.quarter}\u0000${r.survey_version_id}\u0000${r.agency_id}`, r])).entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => ({ quarter: r.quarter, survey_version_id: r.survey_version_id, agency_id: r.agency_id, revision: 1 }))
  for (let i = 0; i < touched.length; i += 300)
    await db
      .insertInto('agency_revisions')
      .values(touched.slice(i, i + 300))
      .onConflict((oc) => oc.columns(['quarter', 'survey_version_id', 'agency_id']).doUpdateSet({ revision: sql<number>`agency_revisions.revision + 1` }))
      .execute()
  // Sorted, so concurrent transactions at one desk lock its minutes in one order.
  const minuteRows = [...minutes.entries()]
    .filter(([, m]) => m.count !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, m]) => m)
  for (let i = 0; i < minuteRows.length; i += 300)
    await db
      .insertInto('rating_minutes')
      .values(minuteRows.slice(i, i + 300))
      .onConflict((oc) => oc.columns(['desk_id', 'agency_id', 'minute', 'value']).doUpdateSet({ count: sql<number>`rating_minutes.count + excluded.count` }))
      .execute()
  // Last: every transaction of every node updates these few cells, so they are held for the least time.
  for (let i = 0; i < totalRows.length; i += 300)
    await db
      .insertInto('total_rollups')
      .values(totalRows.slice(i, i + 300))
      .onConflict((oc) => oc.columns(['quarter', 'survey_version_id', 'question_id', 'value']).doUpdateSet({ count: sql<number>`total_rollups.count + excluded.count` }))
      .execute()
}

/** Adds `delta` (1 when a response starts counting, −1 when it stops) to its cells. */
export function bumpRollups(db: Db, bucket: RollupBucket, cells: Array<{ question: string; value: string }>, delta: 1 | -1, ratedAt: string) {
  return applyRollupChanges(db, [{ bucket, cells, delta, ratedAt }])
}

/**
 * The quarters that have any counts, newest first. A loose index scan (one seek per quarter on the
 * primary key's first column) instead of a distinct over every cell, which at the national shape is
 * millions of rows for eight values.
 */
export async function listRollupQuarters(db: Db) {
  const { rows } = await sql<{ quarter: string | null }>`
    with recursive q(quarter) as (
      select max(quarter) from agency_rollups
      union all
      select (select max(a.quarter) from agency_rollups a where a.quarter < q.quarter) from q where q.quarter is not null
    )
    select quarter from q where quarter is not null`.execute(db)
  return rows.map((r) => r.quarter!)
}

/** Throws away every rollup cell and writes the given ones (the rebuild, in the caller's transaction). */
export async function replaceRollups(trx: Db, rows: Array<Insertable<RollupTable>>) {
  await trx.deleteFrom('rollups').execute()
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('rollups')
      .values(rows.slice(i, i + 500))
      .execute()
  await refillAgencyRollups(trx)
}

/**
 * Sums the desk-level rollups into agency_rollups and total_rollups afresh, and counts the burst rule's
 * rating_minutes again (after a rebuild, or a generator's bulk load).
 */
export async function refillAgencyRollups(trx: Db) {
  await trx.deleteFrom('agency_rollups').execute()
  await sql`insert into agency_rollups (quarter, survey_version_id, agency_id, question_id, value, count)
    select quarter, survey_version_id, agency_id, question_id, value, sum(count) from rollups where count <> 0
    group by quarter, survey_version_id, agency_id, question_id, value`.execute(trx)
  await reviseEveryAgency(trx)
  await trx.deleteFrom('total_rollups').execute()
  await sql`insert into total_rollups (quarter, survey_version_id, question_id, value, count)
    select quarter, survey_version_id, question_id, value, sum(count) from agency_rollups
    group by quarter, survey_version_id, question_id, value having sum(count) <> 0`.execute(trx)
  await refillRatingMinutes(trx)
}

/**
 * Moves every agency's revision after its cells were written in bulk, so nothing computed from the old
 * cells is reused (no counter is ever reset or deleted: a value seen once keeps its meaning).
 */
export async function reviseEveryAgency(trx: Db) {
  await trx
    .updateTable('agency_revisions')
    .set({ revision: sql<number>`revision + 1` })
    .execute()
  await sql`insert into agency_revisions (quarter, survey_version_id, agency_id, revision)
    select distinct quarter, survey_version_id, agency_id, 1 from agency_rollups where true
    on conflict (quarter, survey_version_id, agency_id) do nothing`.execute(trx)
}

/** Agencies are grouped by id into buckets of this many for agencyRevisionBuckets. */
export const REVISION_BUCKET = 64

/**
 * The revision of every agency with cells in these quarters and survey versions (read it before the
 * cells), or only of the agencies in some buckets (ids from bucket × REVISION_BUCKET on).
 */
export async function agencyRevisions(db: Db, surveyVersionIds: number[], quarters: string[], buckets?: number[]) {
  if (!surveyVersionIds.length || !quarters.length || buckets?.length === 0) return []
  let q = db
    .selectFrom('agency_revisions')
    .select(['agency_id as agencyId', 'quarter', 'survey_version_id as surveyVersionId', 'revision'])
    .where('quarter', 'in', quarters)
    .where('survey_version_id', 'in', surveyVersionIds)
  if (buckets) q = q.where((eb) => eb.or(buckets.map((b) => eb.and([eb('agency_id', '>=', b * REVISION_BUCKET), eb('agency_id', '<', (b + 1) * REVISION_BUCKET)]))))
  return q.execute()
}

/**
 * Count and sum of the revisions per bucket of REVISION_BUCKET agencies: a bucket whose pair is unchanged
 * has not one revision moved (they only go up, and are never deleted), so only the others are read again.
 */
export async function agencyRevisionBuckets(db: Db, surveyVersionIds: number[], quarters: string[]) {
  if (!surveyVersionIds.length || !quarters.length) return []
  const bucket = sql<number>`agency_id / ${sql.lit(REVISION_BUCKET)}`
  const rows = await db
    .selectFrom('agency_revisions')
    .select([bucket.as('bucket'), (eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.sum<number | string>('revision').as('total')])
    .where('quarter', 'in', quarters)
    .where('survey_version_id', 'in', surveyVersionIds)
    .groupBy(bucket)
    .execute()
  // PostgreSQL returns counts and sums of integers as strings (bigint).
  return rows.map((r) => ({ bucket: Number(r.bucket), n: Number(r.n), total: Number(r.total) }))
}

/**
 * How many revisions there are for these quarters and survey versions, and their sum. Revisions only go up
 * and are never deleted, so an equal pair means not one of them has moved: a whole quarter's labels checked
 * by the database in one row.
 */
export async function agencyRevisionsSum(db: Db, surveyVersionIds: number[], quarters: string[]) {
  if (!surveyVersionIds.length || !quarters.length) return '0:0'
  const row = await db
    .selectFrom('agency_revisions')
    .select([(eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.sum<number | string | null>('revision').as('total')])
    .where('quarter', 'in', quarters)
    .where('survey_version_id', 'in', surveyVersionIds)
    .executeTakeFirstOrThrow()
  return `${Number(row.n)}:${Number(row.total ?? 0)}`
}
