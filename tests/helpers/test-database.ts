import { randomBytes } from 'node:crypto'
import path from 'node:path'
import pg from 'pg'
import { afterAll } from 'vitest'
import { tempDir } from './cli.ts'

/**
 * Where the suite runs: SQLite always; PostgreSQL as well when TEST_DATABASE_URL names a server
 * (`.ci/run` runs the suite once each way). On PostgreSQL every test database is a fresh schema of that
 * database, so test files stay isolated and can run in parallel.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined
export const onPostgres = TEST_DATABASE_URL !== undefined

export interface ScratchDatabase {
  /** A DATABASE_URL: a SQLite file, or the PostgreSQL URL with `search_path` set to the new schema. */
  url: string
  /** The PostgreSQL schema, when on PostgreSQL. */
  schema?: string
  drop(): Promise<void>
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/**
 * The URL of an existing schema: the pg driver passes `options` to the server at connection. Test data
 * is thrown away, so commits need not wait for the disk (synchronous_commit=off: a crash may lose the
 * last commits, never corrupt; it makes the suite much faster on a busy machine).
 */
export function schemaUrl(base: string, schema: string): string {
  const url = new URL(base)
  url.searchParams.set('options', `-c search_path=${schema} -c synchronous_commit=off`)
  return url.toString()
}

/** An empty database: a new schema on the test PostgreSQL server, else a SQLite file in a temporary directory. */
export async function scratchDatabase(prefix = 't'): Promise<ScratchDatabase> {
  if (!TEST_DATABASE_URL) return { url: path.join(tempDir(`hailong-${prefix}-`), 'h.db'), drop: async () => {} }
  // t_<what>_<unix seconds>_<random>: the time lets .ci/run drop what killed runs left behind without
  // touching the schemas of a run still going on.
  const schema = `t_${prefix.replace(/[^a-z0-9]/gi, '').toLowerCase()}_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`
  await admin((c) => c.query(`create schema ${schema}`))
  return {
    url: schemaUrl(TEST_DATABASE_URL, schema),
    schema,
    // A connection left open by a failed test must not hang the run: give up on the lock after a while
    // (.ci/run drops leftover schemas before the next run).
    drop: () =>
      admin(async (c) => {
        await c.query(`set lock_timeout = '10s'`)
        await c.query(`drop schema if exists ${schema} cascade`)
      }).catch((e: Error) => console.warn(`could not drop schema ${schema}: ${e.message}`)),
  }
}

/** A scratch database for the whole test file (for tests that hand DATABASE_URL to the CLI or a server), dropped after it. */
export async function fileDatabaseUrl(prefix = 'f'): Promise<string> {
  const scratch = await scratchDatabase(prefix)
  afterAll(() => scratch.drop())
  return scratch.url
}
