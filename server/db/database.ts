import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, SqliteDriver, CompiledQuery, type DatabaseConnection, type Driver } from 'kysely'
import { poolTypes } from './pg-types.ts'
import type { Database } from './schema.ts'
import { withStatementCache } from './statement-cache.ts'

export type DatabaseKind = 'sqlite' | 'postgres'

export interface OpenDatabase {
  db: Kysely<Database>
  kind: DatabaseKind
  /** The better-sqlite3 handle, for SQLite-only operations such as online backup. */
  sqlite?: SQLite.Database
  close(): Promise<void>
}

export interface OpenOptions {
  /** SQLite `synchronous`: FULL keeps every acknowledged commit through a power loss. */
  synchronous?: 'FULL' | 'NORMAL'
  /**
   * SQLite: transactions start with BEGIN IMMEDIATE, taking the write lock first. Needed once another
   * connection writes the same file (the intake writer thread): a deferred transaction that read before
   * writing would fail with SQLITE_BUSY instead of waiting for the lock.
   */
  immediate?: boolean
  /** PostgreSQL connections per process; every node holds up to this many, so nodes × pool ≤ max_connections. */
  poolSize?: number
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url)
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<OpenDatabase> {
  if (isPostgresUrl(url)) {
    const { default: pg } = await import('pg')
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: poolTypes(pg.types) })
    // An idle connection dropped by the server (restart, failover) must not crash the process: the pool
    // replaces it and the next query reconnects.
    pool.on('error', (e) => console.error(`PostgreSQL: kết nối rỗi bị đóng / idle connection closed: ${e.message}`))
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, kind: 'postgres', close: () => db.destroy() }
  }
  const file = url.replace(/^sqlite:(\/\/)?/, '')
  if (file !== ':memory:' && file !== '') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new SQLite(file || ':memory:')
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`)
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const config = { database: withStatementCache(sqlite) }
  const dialect = options.immediate ? new ImmediateSqliteDialect(config) : new SqliteDialect(config)
  const db = new Kysely<Database>({ dialect })
  return { db, kind: 'sqlite', sqlite, close: () => db.destroy() }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(settings)
  }
  override createDriver(): Driver {
    return new (class extends SqliteDriver {
      override async beginTransaction(connection: DatabaseConnection) {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'))
      }
    })(this.settings)
  }
}
