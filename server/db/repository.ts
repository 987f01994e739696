import { CompiledQuery, sql, type Generated, type Insertable, type Kysely, type QueryResult, type Selectable } from 'kysely'
import { keepRecent } from '../lib/recent.ts'
import { isPostgres } from './dialect.ts'
import type { Database } from './schema.ts'
import type { Db } from './types.ts'

/** The tables whose rows are named by a generated number. */
type TableWithId = { [T in keyof Database]: Database[T] extends { id: Generated<number> } ? T : never }[keyof Database]

// Kysely cannot check a column list against a table it only knows as a type parameter: the helpers below
// see every such table as one with an id; their own signatures keep each caller's row checked in full.
const anyTable = (db: Db) => db as unknown as Kysely<Record<string, { id: Generated<number> }>>
const anyRowTable = (db: Db) => db as unknown as Kysely<Record<string, Record<string, Plain>>>

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

/** SQL text by dialect and shape (executeByShape); the shapes of intake's per-group statements, a few hundred. */
const compiledByShape = new Map<string, string>()

/**
 * Runs a query whose SQL text is determined by `shape` alone, building and compiling it with Kysely only the
 * first time: later runs bind `parameters`, the values in the order Kysely binds them. The intake writer
 * runs a handful of statements per group whose building and compiling cost about a fifth of its time; the
 * statement they compile to is then also found again by the same string. The first run of each shape
 * checks `parameters` against Kysely's own; a shape whose parameters differ is never reused.
 */
export async function executeByShape<R>(db: Db, shape: string, parameters: readonly unknown[], build: () => CompiledQuery<R>): Promise<QueryResult<R>> {
  const key = `${isPostgres(db) ? 'pg' : 'sqlite'}\u0000${shape}`
  const known = compiledByShape.get(key)
  if (known !== undefined) return db.executeQuery<R>(CompiledQuery.raw(known, [...parameters]))
  const compiled = build()
  if (compiled.parameters.length === parameters.length && compiled.parameters.every((p, i) => Object.is(p, parameters[i]))) keepRecent(compiledByShape, key, compiled.sql, 512)
  else console.error(`Truy vấn ${shape}: tham số không khớp, không dùng lại / parameters differ from Kysely's, not reused`)
  return db.executeQuery(compiled)
}

type Plain = string | number | null

/**
 * Inserts rows with one multi-row statement, compiled once per table, columns and number of rows
 * (executeByShape). Every row has every column, as plain values, so the shape says the whole SQL.
 */
export async function insertRows<T extends keyof Database, C extends keyof Selectable<Database[T]> & string = never>(
  db: Db,
  table: T,
  rows: Array<Insertable<Database[T]>>,
  returning: readonly C[] = [],
): Promise<Array<Pick<Selectable<Database[T]>, C>>> {
  if (!rows.length) return []
  const columns = Object.keys(rows[0]!)
  const values: Plain[] = []
  for (const row of rows) {
    const r = row as Record<string, unknown>
    if (Object.keys(r).length !== columns.length) throw new Error(`insertRows ${table}: every row needs the same columns`)
    for (const c of columns) {
      const v = r[c]
      if (v !== null && typeof v !== 'string' && typeof v !== 'number') throw new Error(`insertRows ${table}.${c}: only text, numbers and null`)
      values.push(v)
    }
  }
  const { rows: out } = await executeByShape<Pick<Selectable<Database[T]>, C>>(
    db,
    `insert ${table} (${columns.join(',')}) × ${rows.length} returning ${returning.join(',')}`,
    values,
    () => {
      const q = anyRowTable(db)
        .insertInto(table)
        .values(rows as Array<Record<string, Plain>>)
      return (returning.length ? q.returning(returning as readonly string[] as never) : q).compile() as CompiledQuery<never>
    },
  )
  return out
}
