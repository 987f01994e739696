import { sql, type Kysely } from 'kysely'

/**
 * Counted ratings (the `overall` question) per desk, minute and value, moved by the same transactions that
 * move the rollups. The unhappy-burst rule then sums at most a window's minutes instead of counting every
 * rating of the window, which at a busy desk was tens of thousands of rows per check. Only recent minutes
 * matter to the rules: the alert scheduler deletes those older than a day. Filled here with the last day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table rating_minutes (desk_id integer not null, agency_id integer not null, minute text not null,
    value integer not null, count integer not null, constraint rating_minutes_pk primary key (desk_id, agency_id, minute, value))`.execute(db)
  const since = new Date(Date.now() - 86_400_000).toISOString()
  await sql`insert into rating_minutes (desk_id, agency_id, minute, value, count)
    select coalesce(r.desk_id, 0), r.agency_id, substr(r.submitted_at, 1, 16), cast(a.value_num as integer), count(*)
    from responses r join answers a on a.response_id = r.id and a.question_id = 'overall'
    where r.submitted_at >= ${since} and r.is_spam = 0 and r.is_flagged = 0 and r.is_test = 0 and r.deleted_at is null
      and a.value_num is not null
    group by coalesce(r.desk_id, 0), r.agency_id, substr(r.submitted_at, 1, 16), cast(a.value_num as integer)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rating_minutes').execute()
}
