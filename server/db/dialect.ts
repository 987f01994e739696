import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely'

/**
 * Every difference between SQLite and PostgreSQL that the application needs lives here. What does not
 * differ, on purpose: booleans are 0/1 integers and instants ISO 8601 text on both (schema.ts), and the
 * PostgreSQL pool returns bigint (`count(*)`, `sum()`) as numbers (pg-types.ts).
 */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  return isPostgres(db) ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity()) : table.addColumn('id', 'integer', (c) => c.primaryKey())
}

function errorCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : ''
}

/**
 * A unique or primary-key constraint refused a row: PostgreSQL SQLSTATE 23505, better-sqlite3's
 * SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY.
 */
export function isUniqueViolation(e: unknown): boolean {
  const code = errorCode(e)
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

/**
 * PostgreSQL chose this transaction as the victim of a deadlock (40P01) or of a serialisation conflict
 * (40001): nothing was written and running it again is the documented cure. SQLite serialises writers
 * and never reports either.
 */
export function isTransientConflict(e: unknown): boolean {
  const code = errorCode(e)
  return code === '40P01' || code === '40001'
}
