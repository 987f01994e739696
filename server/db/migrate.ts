import { Migrator, sql, type Kysely } from 'kysely'
import { isPostgres } from './dialect.ts'
import { migrations } from './migrations/index.ts'

/**
 * Kysely's migrator returns its error instead of throwing; a server must not start half-migrated.
 *
 * On PostgreSQL the migrator is told the schema it works in (the first of `search_path`): without it,
 * it takes a `kysely_migration` table in any other schema of the database for its own and never creates
 * one here (one database with a schema per test run, or shared with another application).
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrationTableSchema = isPostgres(db) ? await currentSchema(db) : undefined
  // Unordered: migrations are independent additions named by the change that adds them
  // (2026-12-01.<issue>_…), so one may land after another of a higher number has already run.
  const migrator = new Migrator({ db, migrationTableSchema, allowUnorderedMigrations: true, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

async function currentSchema(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)
  const schema = rows[0]?.schema
  if (!schema) throw new Error('PostgreSQL: không có schema nào trong search_path / no schema in search_path exists (create it, or fix options=-c search_path=…)')
  return schema
}
