import type SQLite from 'better-sqlite3'
import type { SqliteDatabase } from 'kysely'

/**
 * Kysely's SQLite driver prepares every query anew, and preparing costs more than running the small
 * queries intake makes. This keeps the most recent prepared statements by SQL text (Kysely runs one
 * statement at a time on its single connection, so reuse is safe).
 */
export function withStatementCache(db: SQLite.Database, size = 256): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => db.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql)
      if (stmt) {
        cache.delete(sql) // re-insert: the Map's order is the recency order
      } else {
        stmt = db.prepare(sql)
        if (cache.size >= size) cache.delete(cache.keys().next().value!)
      }
      cache.set(sql, stmt)
      return stmt as unknown as ReturnType<SqliteDatabase['prepare']>
    },
  }
}
