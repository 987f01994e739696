import { sql, type Generated, type Insertable, type Kysely } from 'kysely'
import { isPostgres } from './dialect.ts'
import type { Database } from './schema.ts'
import type { Db } from './types.ts'

/** The tables whose rows are named by a generated number. */
type TableWithId = { [T in keyof Database]: Database[T] extends { id: Generated<number> } ? T : never }[keyof Database]

// Kysely cannot check a column list against a table it only knows as a type parameter: the helpers below
// see every such table as one with an id; their own signatures keep each caller's row checked in full.
const anyTable = (db: Db) => db as unknown as Kysely<Record<string, { id: Generated<number> }>>

/** Adds a row and returns its new id. */
export async function insertId<T extends TableWithId>(db: Db, table: T, row: Insertable<Database[T]>): Promise<number> {
  const inserted = await anyTable(db).insertInto(table).values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

/**
 * Adds a row unless one with the same unique key is there (another node's, or one raised before): the new
 * row's id, or undefined when nothing was added. The unique index settles a race; no read comes first.
 */
export async function insertIdUnlessPresent<T extends TableWithId>(db: Db, table: T, row: Insertable<Database[T]>, key: keyof Database[T] & string): Promise<number | undefined> {
  const inserted = await anyTable(db)
    .insertInto(table)
    .values(row)
    .onConflict((oc) => oc.column(key as 'id').doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted?.id
}

/** The agency's and desk's code and name beside a row, under the names the staff screens read them by. */
export const placeNames = ['agencies.code as agency_code', 'agencies.name as agency_name', 'desks.code as desk_code', 'desks.name as desk_name'] as const

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

/** A round trip to the database: the health check's question "does it answer?". */
export async function ping(db: Db) {
  await sql`select 1`.execute(db)
}

/**
 * A column reference the SQLite planner will not use an index for (`+col`): a long export reads the table
 * in rowid order, sequentially, instead of hopping through a range index row by row. PostgreSQL plans this
 * itself, so the plain column is used there.
 */
export function withoutIndex(db: Db, column: string) {
  return isPostgres(db) ? sql.ref(column) : sql`+${sql.ref(column)}`
}
