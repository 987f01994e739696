import { ThreadClient } from '../lib/thread-client.ts'
import { DomainError } from '../domain/errors.ts'
import type { PreparedResponse, StoreOutcome } from './service.ts'
import type { WriteRequest, WrittenError } from './writer-thread.ts'

function rebuild(e: WrittenError): Error {
  if ('domain' in e) return new DomainError(e.domain.kind, e.domain.code, e.domain.text, e.domain.details)
  return Object.assign(new Error(e.message), { name: e.name, code: e.code, stack: e.stack })
}

/**
 * Intake's transactions on a SQLite file, run in a worker thread on a connection of its own.
 * better-sqlite3 is synchronous: in the server's thread every statement and the commit's fsync stop it
 * from reading and validating the requests that arrive meanwhile (a profile under load put the write path
 * at about a third of that thread's time, the commit alone at a tenth). Here the thread only waits for a
 * message. The promise resolves once the transaction has committed, so acknowledgements still follow
 * the commit (synchronous=FULL unchanged). The server's own connection begins its transactions
 * IMMEDIATE, so the two connections take turns at the write lock rather than failing.
 */
export class SqliteWriter {
  private readonly thread: ThreadClient<Omit<WriteRequest, 'id'>, StoreOutcome[], WrittenError>

  constructor(file: string, synchronous: 'FULL' | 'NORMAL') {
    this.thread = new ThreadClient(new URL('./writer-thread.mjs', import.meta.url), { file, synchronous }, 'intake writer', rebuild)
  }

  /** Starts the thread now rather than on the first response (it loads the intake code, about a second). */
  start(): Promise<void> {
    return this.thread.start()
  }

  store(items: PreparedResponse[], now: Date, timeZone: string): Promise<StoreOutcome[]> {
    return this.thread.call({ items, now, timeZone })
  }

  close(): Promise<void> {
    return this.thread.close()
  }
}
