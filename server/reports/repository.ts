import type { Db } from '../db/types.ts'
import type { Channel } from '../db/schema.ts'

export interface CountFilter {
  surveyVersionIds: number[]
  quarters: string[]
  channel?: Channel
  agencyIds?: number[]
}

export type SplitBy = 'agency' | 'desk' | 'channel' | 'procedure' | 'quarter'

/**
 * Sums rollup counts for some survey versions and quarters, split by one dimension. Reads only the
 * rollups table (bounded by agencies × desks × channels × questions, not by responses).
 */
export async function sumRollups(db: Db, filter: CountFilter, split: SplitBy) {
  if (!filter.surveyVersionIds.length || !filter.quarters.length) return []
  const column = ({ agency: 'agency_id', desk: 'desk_id', channel: 'channel', procedure: 'procedure_code', quarter: 'quarter' } as const)[split]
  let q = db
    .selectFrom('rollups')
    .select([`${column} as key`, 'agency_id', 'question_id', 'value', (eb) => eb.fn.sum<number | string>('count').as('count')])
    .where('quarter', 'in', filter.quarters)
    .where('survey_version_id', 'in', filter.surveyVersionIds)
  if (filter.channel) q = q.where('channel', '=', filter.channel)
  if (filter.agencyIds) q = q.where('agency_id', 'in', filter.agencyIds.length ? filter.agencyIds : [-1])
  const rows = await q.groupBy([column, 'agency_id', 'question_id', 'value']).execute()
  // PostgreSQL returns sums of integers as strings (bigint).
  return rows.map((r) => ({ key: r.key as string | number, agencyId: r.agency_id, question: r.question_id, value: r.value, count: Number(r.count) }))
}

/** Which versions of an instrument have counted responses in the given quarters. */
export async function versionsUsed(db: Db, instrument: string, quarters: string[]) {
  if (!quarters.length) return []
  return db
    .selectFrom('rollups')
    .innerJoin('survey_versions', 'survey_versions.id', 'rollups.survey_version_id')
    .select(['survey_versions.id', 'survey_versions.version'])
    .distinct()
    .where('survey_versions.instrument', '=', instrument)
    .where('rollups.quarter', 'in', quarters)
    .where('rollups.question_id', '=', '*')
    .where('rollups.count', '>', 0)
    .orderBy('survey_versions.version')
    .execute()
}

/** The newest quarter in which one of these agencies has counted responses to one of these survey versions. */
export async function latestQuarterWithData(db: Db, surveyVersionIds: number[], agencyIds: number[]): Promise<string | undefined> {
  if (!surveyVersionIds.length || !agencyIds.length) return undefined
  const row = await db
    .selectFrom('rollups')
    .select('quarter')
    .where('survey_version_id', 'in', surveyVersionIds)
    .where('agency_id', 'in', agencyIds)
    .where('question_id', '=', '*')
    .where('count', '>', 0)
    .orderBy('quarter', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.quarter
}
