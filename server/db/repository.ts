import type { Generated, Insertable, Kysely } from 'kysely'
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
