import { sql, type Kysely } from 'kysely'

/**
 * The response counts per desk and channel (the "*" cells), which response rates read for every agency
 * of a report: a partial index holds only those, a few per desk, where the report otherwise scans all
 * of the quarter's cells (millions at the national shape). Queries name '*' as a literal to use it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index rollups_responses on rollups (quarter, survey_version_id, agency_id, desk_id, channel) where question_id = '*'`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rollups_responses').execute()
}
