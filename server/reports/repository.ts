import type { Db } from '../db/types.ts'
import type { Channel } from '../db/schema.ts'
import { frozenSnapshots } from '../periods/repository.ts'
import { listRollupQuarters } from '../rollups/repository.ts'

export interface CountFilter {
  surveyVersionIds: number[]
  quarters: string[]
  channel?: Channel
  agencyIds?: number[]
}

export type SplitBy = 'agency' | 'desk' | 'channel' | 'procedure' | 'quarter'

/**
 * Rollup counts for some survey versions and quarters, split by one dimension, to be added up by key
 * (a key may come more than once). Reads only the
 * rollups (bounded by agencies × desks × channels × questions, not by responses); split by agency or
 * quarter without a channel filter, the agency-level cells (agencies × questions), which is what the
 * unfiltered report, its ranking and the trend need: at the national shape that table is a tenth of
 * the desk-level one.
 */
export async function sumRollups(db: Db, filter: CountFilter, split: SplitBy) {
  if (!filter.surveyVersionIds.length || !filter.quarters.length) return []
  const column = ({ agency: 'agency_id', desk: 'desk_id', channel: 'channel', procedure: 'procedure_code', quarter: 'quarter' } as const)[split]
  // A closed quarter is read from the counters frozen at its closing, never from the live ones.
  const frozen = await frozenSnapshots(db, filter.surveyVersionIds, filter.quarters)
  const open = filter.quarters.filter((q) => !frozen.has(q))
  const agencies = filter.agencyIds && (filter.agencyIds.length ? filter.agencyIds : [-1])
  // Appended one by one: spreading a national quarter's cells into push() overflows the stack.
  const rows: Array<{ key: string | number; question_id: string; value: string; count: number | string }> = []
  if (open.length && !filter.channel && split === 'agency') {
    // Each agency cell is already one row per quarter and version: the caller adds them up, which is
    // cheaper than having the database group tens of thousands of them first.
    let q = db
      .selectFrom('agency_rollups')
      .select(['agency_id as key', 'question_id', 'value', 'count'])
      .where('quarter', 'in', open)
      .where('survey_version_id', 'in', filter.surveyVersionIds)
    if (agencies) q = q.where('agency_id', 'in', agencies)
    for (const r of await q.execute()) rows.push(r)
  } else if (open.length && !filter.channel && !agencies && split === 'quarter') {
    // The whole deployment's trend: the deployment-wide cells, a few dozen a quarter.
    const q = db
      .selectFrom('total_rollups')
      .select(['quarter as key', 'question_id', 'value', 'count'])
      .where('quarter', 'in', open)
      .where('survey_version_id', 'in', filter.surveyVersionIds)
    for (const r of await q.execute()) rows.push(r)
  } else if (open.length && !filter.channel && split === 'quarter') {
    let q = db
      .selectFrom('agency_rollups')
      .select(['quarter as key', 'question_id', 'value', (eb) => eb.fn.sum<number | string>('count').as('count')])
      .where('quarter', 'in', open)
      .where('survey_version_id', 'in', filter.surveyVersionIds)
    if (agencies) q = q.where('agency_id', 'in', agencies)
    for (const r of await q.groupBy(['quarter', 'question_id', 'value']).execute()) rows.push(r)
  } else if (open.length) {
    let q = db
      .selectFrom('rollups')
      .select([`${column} as key`, 'question_id', 'value', (eb) => eb.fn.sum<number | string>('count').as('count')])
      .where('quarter', 'in', open)
      .where('survey_version_id', 'in', filter.surveyVersionIds)
    if (filter.channel) q = q.where('channel', '=', filter.channel)
    if (agencies) q = q.where('agency_id', 'in', agencies)
    for (const r of await q.groupBy([column, 'question_id', 'value']).execute()) rows.push(r)
  }
  if (frozen.size) {
    let q = db
      .selectFrom('frozen_rollups')
      .select([`${column} as key`, 'question_id', 'value', (eb) => eb.fn.sum<number | string>('count').as('count')])
      .where('snapshot_id', 'in', [...frozen.values()].flat())
      .where('survey_version_id', 'in', filter.surveyVersionIds)
    if (filter.channel) q = q.where('channel', '=', filter.channel)
    if (agencies) q = q.where('agency_id', 'in', agencies)
    for (const r of await q.groupBy([column, 'question_id', 'value']).execute()) rows.push(r)
  }
  // PostgreSQL returns sums of integers as strings (bigint).
  return rows.map((r) => ({ key: r.key, question: r.question_id, value: r.value, count: Number(r.count) }))
}

/** Which versions of an instrument have counted responses in the given quarters. */
export async function versionsUsed(db: Db, instrument: string, quarters: string[]) {
  if (!quarters.length) return []
  const ids = (await db.selectFrom('survey_versions').select('id').where('instrument', '=', instrument).execute()).map((v) => v.id)
  const frozen = await frozenSnapshots(db, ids, quarters)
  const open = quarters.filter((q) => !frozen.has(q))
  const found = new Map<number, { id: number; version: number }>()
  // One probe per version (an indexed lookup on the agency-level cells) rather than a scan of the quarters.
  if (open.length)
    for (const v of await db.selectFrom('survey_versions').select(['id', 'version']).where('instrument', '=', instrument).execute()) {
      const hit = await db
        .selectFrom('agency_rollups')
        .select('quarter')
        .where('quarter', 'in', open)
        .where('survey_version_id', '=', v.id)
        .where('question_id', '=', '*')
        .where('count', '>', 0)
        .limit(1)
        .executeTakeFirst()
      if (hit) found.set(v.id, v)
    }
  if (frozen.size)
    for (const v of await db
      .selectFrom('frozen_rollups')
      .innerJoin('survey_versions', 'survey_versions.id', 'frozen_rollups.survey_version_id')
      .select(['survey_versions.id', 'survey_versions.version'])
      .distinct()
      .where('frozen_rollups.snapshot_id', 'in', [...frozen.values()].flat())
      .where('survey_versions.instrument', '=', instrument)
      .where('frozen_rollups.question_id', '=', '*')
      .where('frozen_rollups.count', '>', 0)
      .execute())
      found.set(v.id, v)
  return [...found.values()].sort((a, b) => a.version - b.version)
}

/** Reportable receipt-code responses of one agency (the citizen answering at home, one code per dossier). */
export function receiptResponses(db: Db, agencyId: number, surveyVersionIds: number[], quarters: string[]) {
  return db
    .selectFrom('responses')
    .select(['id', 'survey_version_id'])
    .where('agency_id', '=', agencyId)
    .where('invitation_id', 'is not', null)
    .where('survey_version_id', 'in', surveyVersionIds.length ? surveyVersionIds : [-1])
    .where('quarter', 'in', quarters.length ? quarters : [''])
    .where('is_spam', '=', 0)
    .where('is_flagged', '=', 0)
    .where('is_test', '=', 0)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute()
}

/** The newest quarter in which one of these agencies has counted responses to one of these survey versions. */
export async function latestQuarterWithData(db: Db, surveyVersionIds: number[], agencyIds: number[]): Promise<string | undefined> {
  if (!surveyVersionIds.length || !agencyIds.length) return undefined
  // Quarter by quarter, newest first: each probe is a lookup on the primary key's leading columns.
  for (const quarter of await listRollupQuarters(db)) {
    const row = await db
      .selectFrom('agency_rollups')
      .select('quarter')
      .where('quarter', '=', quarter)
      .where('survey_version_id', 'in', surveyVersionIds)
      .where('agency_id', 'in', agencyIds)
      .where('question_id', '=', '*')
      .where('count', '>', 0)
      .limit(1)
      .executeTakeFirst()
    if (row) return row.quarter
  }
  return undefined
}

export function answersOfResponses(db: Db, responseIds: number[]) {
  if (!responseIds.length) return Promise.resolve([])
  return db.selectFrom('answers').select(['response_id', 'question_id', 'value_num', 'value_text']).where('response_id', 'in', responseIds).execute()
}

/** Held-back, excluded and late responses of one agency: the credibility panel's counts. */
export async function integrityCounts(db: Db, agencyId: number, surveyVersionIds: number[], quarters: string[]) {
  if (!surveyVersionIds.length || !quarters.length) return { flagged: 0, excluded: 0, late: 0 }
  const row = await db
    .selectFrom('responses')
    .select([
      (eb) =>
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb('is_flagged', '=', 1), eb('is_spam', '=', 0)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('flagged'),
      (eb) => eb.fn.sum<number>(eb.case().when('is_spam', '=', 1).then(1).else(0).end()).as('excluded'),
      (eb) => eb.fn.sum<number>(eb.case().when('is_late', '=', 1).then(1).else(0).end()).as('late'),
    ])
    .where('agency_id', '=', agencyId)
    .where('survey_version_id', 'in', surveyVersionIds)
    .where('quarter', 'in', quarters)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  return { flagged: Number(row?.flagged ?? 0), excluded: Number(row?.excluded ?? 0), late: Number(row?.late ?? 0) }
}
