import { sql } from 'kysely'
import type { Db } from './types.ts'
import { isPostgres } from './dialect.ts'

/**
 * A value that differs whenever any committed data may have changed since it was last read, so a result
 * computed from the database can be reused while the stamp stays the same. Read it before the data.
 *
 * SQLite: `total_changes()` counts every row this connection changed, `data_version` moves when another
 * connection (the intake writer thread, a CLI import, a backup restore) commits to the file.
 * PostgreSQL: the current snapshot (`xmin:xmax:in-progress xids`): two equal snapshots see the same set
 * of committed transactions, so nothing any node committed in between can hide behind an equal stamp.
 * Both move on writes that do not touch what is cached (a kiosk's heartbeat): that costs a recomputation,
 * never a stale answer.
 */
export async function dataStamp(db: Db): Promise<string> {
  if (isPostgres(db)) {
    const { rows } = await sql<{ stamp: string }>`select pg_current_snapshot()::text as stamp`.execute(db)
    return rows[0]!.stamp
  }
  const { rows } = await sql<{ changes: number; version: number }>`select total_changes() as changes, (select data_version from pragma_data_version) as version`.execute(db)
  return `${rows[0]!.changes}:${rows[0]!.version}`
}

/**
 * A stamp for one table only, for results read from nothing else: the counter a trigger moves on every
 * statement that writes the table (table_revisions, migration 26).
 */
export const tableStamp = (table: 'agencies') => async (db: Db) => {
  const row = await db.selectFrom('table_revisions').select('revision').where('name', '=', table).executeTakeFirst()
  return `${table}:${row?.revision ?? 'none'}`
}
