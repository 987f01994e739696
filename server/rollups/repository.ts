import { sql } from 'kysely'
import type { Db } from '../db/types.ts'
import type { Channel } from '../db/schema.ts'

export interface RollupBucket {
  surveyVersionId: number
  agencyId: number
  deskId: number | null
  channel: Channel
  procedureCode: string | null
  quarter: string
}

/** Adds `delta` (1 on insert, −1 when a response stops counting) to each cell, in the caller's transaction. */
export async function bumpRollups(db: Db, bucket: RollupBucket, cells: Array<{ question: string; value: string }>, delta: 1 | -1) {
  if (!cells.length) return
  await db
    .insertInto('rollups')
    .values(
      cells.map((c) => ({
        survey_version_id: bucket.surveyVersionId,
        agency_id: bucket.agencyId,
        desk_id: bucket.deskId ?? 0,
        channel: bucket.channel,
        procedure_code: bucket.procedureCode ?? '',
        quarter: bucket.quarter,
        question_id: c.question,
        value: c.value,
        count: delta,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['quarter', 'survey_version_id', 'agency_id', 'desk_id', 'channel', 'procedure_code', 'question_id', 'value'])
        .doUpdateSet({ count: sql<number>`rollups.count + excluded.count` }),
    )
    .execute()
}
