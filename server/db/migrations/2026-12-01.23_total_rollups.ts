import { sql, type Kysely } from 'kysely'

/**
 * The agency-level rollups summed over every agency: one cell per quarter, survey version, question and
 * value. The dashboard's first screen shows the index of the whole deployment over eight quarters; at the
 * national shape that was a sum over about half a million agency cells on every view. Intake keeps this
 * table in the same transaction as the other two. Filled here from the agency-level cells.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table total_rollups (
    quarter text not null,
    survey_version_id integer not null references survey_versions (id),
    question_id text not null,
    value text not null,
    count integer not null,
    constraint total_rollups_pk primary key (quarter, survey_version_id, question_id, value)
  )`.execute(db)
  await sql`insert into total_rollups (quarter, survey_version_id, question_id, value, count)
    select quarter, survey_version_id, question_id, value, sum(count) from agency_rollups
    group by quarter, survey_version_id, question_id, value`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('total_rollups').execute()
}
