import { sql, type Kysely } from 'kysely'

/**
 * A counter per quarter, survey version and agency that moves whenever that agency's rollup cells do, in
 * the same transaction. A national report after one rating then reads a few thousand counters and the
 * cells of the one agency that changed, instead of every agency's cells. Counters only ever go up and
 * rows are never deleted, so a value seen once always means the same cells.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table agency_revisions (quarter text not null, survey_version_id integer not null references survey_versions (id),
    agency_id integer not null, revision integer not null, constraint agency_revisions_pk primary key (quarter, survey_version_id, agency_id))`.execute(db)
  await sql`insert into agency_revisions (quarter, survey_version_id, agency_id, revision)
    select distinct quarter, survey_version_id, agency_id, 1 from agency_rollups`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agency_revisions').execute()
}
