import { sql, type Kysely } from 'kysely'

/**
 * The rollups summed over desks, channels and procedures: one cell per quarter, survey version, agency,
 * question and value. A national deployment ranks some 3,800 agencies with about 10,000 desks; the
 * unfiltered report and trend read this table (agencies × questions) instead of the desk-level one
 * (agencies × desks × channels × questions). Intake keeps both in the same transaction. Filled here
 * from the existing rollups.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agency_rollups')
    .addColumn('quarter', 'text', (c) => c.notNull())
    .addColumn('survey_version_id', 'integer', (c) => c.notNull().references('survey_versions.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('agency_rollups_pk', ['quarter', 'survey_version_id', 'agency_id', 'question_id', 'value'])
    .execute()
  await sql`insert into agency_rollups (quarter, survey_version_id, agency_id, question_id, value, count)
    select quarter, survey_version_id, agency_id, question_id, value, sum(count) from rollups
    group by quarter, survey_version_id, agency_id, question_id, value`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agency_rollups').execute()
}
