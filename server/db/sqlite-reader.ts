import type { Compilable } from 'kysely'
import { ThreadClient } from '../lib/thread-client.ts'

/**
 * Long read-only queries on a SQLite file, run in a worker thread on a read-only connection of its own.
 * better-sqlite3 is synchronous: a query that scans a quarter of raw responses (the hour-by-weekday map
 * of a whole national deployment takes seconds) would otherwise stop the server from answering anyone
 * else meanwhile. WAL lets this connection read while the others write; each query sees the last commit.
 */
export class SqliteReader {
  private readonly thread: ThreadClient<{ sql: string; parameters: readonly unknown[] }, unknown[], { message: string; code?: string }>

  constructor(file: string) {
    this.thread = new ThreadClient(new URL('./reader-thread.mjs', import.meta.url), { file }, 'reader', (e) => Object.assign(new Error(e.message), { code: e.code }))
  }

  start(): Promise<void> {
    return this.thread.start()
  }

  /** The rows of a Kysely query, as `execute()` would give them on the server's own connection. */
  async all<R>(query: Compilable<R>): Promise<R[]> {
    const { sql, parameters } = query.compile()
    return (await this.thread.call({ sql, parameters })) as R[]
  }

  close(): Promise<void> {
    return this.thread.close()
  }
}

/** Runs a read-only query in the reader thread when there is one, else on the connection it was built on. */
export function readOffThread<R>(reader: SqliteReader | undefined, query: Compilable<R> & { execute(): Promise<R[]> }): Promise<R[]> {
  return reader ? reader.all(query) : query.execute()
}
