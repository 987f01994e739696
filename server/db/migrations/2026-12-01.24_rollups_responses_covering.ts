import { sql, type Kysely } from 'kysely'

/**
 * The partial index of the "*" cells (migration 20) with the value and the count in it as well, so the
 * response-rate query reads only the index: at the national shape its tens of thousands of cells were
 * each a lookup in the desk-level table, scattered over millions of rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rollups_responses').execute()
  await sql`create index rollups_responses on rollups (quarter, survey_version_id, agency_id, desk_id, channel, value, count) where question_id = '*'`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rollups_responses').execute()
  await sql`create index rollups_responses on rollups (quarter, survey_version_id, agency_id, desk_id, channel) where question_id = '*'`.execute(db)
}
