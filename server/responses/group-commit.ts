import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { retryOnUniqueViolation } from '../db/retry.ts'
import type { Clock } from '../lib/clock.ts'
import { storeResponses, type PreparedResponse, type StoreOutcome } from './service.ts'
import type { SqliteWriter } from './sqlite-writer.ts'

/** What became of one response handed to the committer: stored (or not) as usual, or failed alone. */
export type GroupOutcome = StoreOutcome | { submissionId: string; status: 'failed'; error: unknown }

interface Waiting {
  items: PreparedResponse[]
  resolve(outcomes: GroupOutcome[]): void
}

/**
 * Group commit: requests that arrive while a transaction is committing wait and are stored together in
 * the next one, so one fsync acknowledges many responses. Each request is answered only after the
 * transaction holding its responses has committed — durability is unchanged.
 *
 * One response that fails (a used receipt code, a constraint, a bug: any error) fails alone: the group is
 * split in halves and each half committed again, down to the single response at fault, so every other
 * response of the group is stored and acknowledged. k bad responses in a group of n cost about
 * k·log2(n) extra transactions, and only when something failed.
 */
export class GroupCommitter {
  private queue: Waiting[] = []
  private running = false
  /** Told what each transaction stored, once it has committed (the alert rules; never awaited). */
  onCommitted?: (items: PreparedResponse[], outcomes: StoreOutcome[]) => void

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly maxGroup = 256,
    /** A SQLite file's writer thread: the transactions run there instead of on `db`. */
    private readonly writer?: SqliteWriter,
  ) {}

  /** Never rejects: a response that could not be stored comes back as `failed` with its error. */
  store(items: PreparedResponse[]): Promise<GroupOutcome[]> {
    return new Promise((resolve) => {
      this.queue.push({ items, resolve })
      if (!this.running) {
        this.running = true
        void this.drain()
      }
    })
  }

  private async commit(items: PreparedResponse[]) {
    const outcomes = await retryOnUniqueViolation(() =>
      this.writer
        ? this.writer.store(items, this.clock.now(), this.timeZone)
        : this.db.transaction().execute((trx) => storeResponses(trx, items, { now: this.clock.now(), timeZone: this.timeZone })),
    )
    this.onCommitted?.(items, outcomes)
    return outcomes
  }

  /** Commits `items`, or, when that fails, each half on its own, down to the responses at fault. */
  private async commitIsolated(items: PreparedResponse[]): Promise<GroupOutcome[]> {
    if (!items.length) return []
    try {
      return await this.commit(items)
    } catch (error) {
      if (items.length === 1) return [{ submissionId: items[0]!.submissionId, status: 'failed', error }]
      const mid = Math.ceil(items.length / 2)
      const first = await this.commitIsolated(items.slice(0, mid))
      return [...first, ...(await this.commitIsolated(items.slice(mid)))]
    }
  }

  private async drain() {
    try {
      // better-sqlite3 commits synchronously, within one turn of the event loop; without this pause each
      // request would commit alone before the next one is even read. One turn lets the requests already
      // on the sockets reach the queue and share the transaction.
      await new Promise((resolve) => setImmediate(resolve))
      while (this.queue.length) {
        const group: Waiting[] = []
        let size = 0
        while (this.queue.length && (group.length === 0 || size + this.queue[0]!.items.length <= this.maxGroup)) {
          const next = this.queue.shift()!
          group.push(next)
          size += next.items.length
        }
        let outcomes: GroupOutcome[]
        try {
          outcomes = await this.commitIsolated(group.flatMap((w) => w.items))
        } catch (error) {
          // commitIsolated does not throw; should it ever, no waiter may hang.
          outcomes = group.flatMap((w) => w.items.map((p): GroupOutcome => ({ submissionId: p.submissionId, status: 'failed', error })))
        }
        let at = 0
        for (const w of group) {
          w.resolve(outcomes.slice(at, at + w.items.length))
          at += w.items.length
        }
        await new Promise((resolve) => setImmediate(resolve))
      }
    } finally {
      this.running = false
    }
  }
}
