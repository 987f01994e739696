import { Worker } from 'node:worker_threads'
import { DomainError } from '../domain/errors.ts'
import type { PreparedResponse, StoreOutcome } from './service.ts'
import type { WriteRequest, WrittenError } from './writer-thread.ts'

interface Pending {
  resolve(outcomes: StoreOutcome[]): void
  reject(error: unknown): void
}

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
  private worker: Worker | null = null
  private ready: Promise<void> | null = null
  private readonly pending = new Map<number, Pending>()
  private next = 0

  constructor(
    private readonly file: string,
    private readonly synchronous: 'FULL' | 'NORMAL',
  ) {}

  /** Starts the thread now rather than on the first response (it loads the intake code, about a second). */
  start(): Promise<void> {
    if (this.ready) return this.ready
    const worker = new Worker(new URL('./writer-thread.mjs', import.meta.url), { workerData: { file: this.file, synchronous: this.synchronous } })
    // The server's shutdown closes it; it must not by itself keep a finished process (a test) alive.
    worker.unref()
    this.worker = worker
    this.ready = new Promise((resolve, reject) => {
      worker.on('message', (m: { ready?: true; id?: number; outcomes?: StoreOutcome[]; error?: WrittenError }) => {
        if (m.ready) return resolve()
        const p = this.pending.get(m.id!)
        this.pending.delete(m.id!)
        if (m.error) p?.reject(rebuild(m.error))
        else p?.resolve(m.outcomes!)
      })
      const gone = (error: unknown) => {
        // A thread that died takes its unanswered transactions with it: they fail (the client sends
        // again; a response that did commit then comes back as a duplicate) and the next one starts anew.
        if (this.worker === worker) {
          this.worker = null
          this.ready = null
        }
        reject(error)
        for (const p of this.pending.values()) p.reject(error)
        this.pending.clear()
      }
      worker.on('error', gone)
      worker.on('exit', (code) => gone(new Error(`intake writer thread exited (${code})`)))
    })
    return this.ready
  }

  async store(items: PreparedResponse[], now: Date, timeZone: string): Promise<StoreOutcome[]> {
    await this.start()
    const id = this.next++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.worker!.postMessage({ id, items, now, timeZone } satisfies WriteRequest)
    })
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = null
    this.ready = null
    if (worker) await worker.terminate()
  }
}
