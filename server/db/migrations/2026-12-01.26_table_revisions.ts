import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.ts'

/**
 * A counter per table whose whole content is read on every report (the agency directory: thousands of
 * rows at the national shape), moved by a trigger on every statement that writes the table, whichever
 * code path or tool wrote it. Equal counter, equal table: the directory is read again only when it moves.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table table_revisions (name text primary key, revision integer not null)`.execute(db)
  await sql`insert into table_revisions (name, revision) values ('agencies', 1)`.execute(db)
  if (isPostgres(db)) {
    await sql`create function agencies_revised() returns trigger language plpgsql as $$
      begin
        update table_revisions set revision = revision + 1 where name = 'agencies';
        return null;
      end $$`.execute(db)
    await sql`create trigger agencies_revised after insert or update or delete or truncate on agencies
      for each statement execute function agencies_revised()`.execute(db)
  } else {
    for (const event of ['insert', 'update', 'delete'])
      await sql`create trigger ${sql.raw(`agencies_revised_${event}`)} after ${sql.raw(event)} on agencies
        begin update table_revisions set revision = revision + 1 where name = 'agencies'; end`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger agencies_revised on agencies`.execute(db)
    await sql`drop function agencies_revised()`.execute(db)
  } else for (const event of ['insert', 'update', 'delete']) await sql`drop trigger ${sql.raw(`agencies_revised_${event}`)}`.execute(db)
  await db.schema.dropTable('table_revisions').execute()
}
