import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { retryOnUniqueViolation } from '../db/retry.ts'
import { DomainError } from '../domain/errors.ts'
import type { Clock } from '../lib/clock.ts'
import { storeResponses, type PreparedResponse, type StoreOutcome } from './service.ts'

interface Waiting {
  items: PreparedResponse[]
  resolve(outcomes: StoreOutcome[]): void
  reject(error: unknown): void
}

/**
 * Group commit: requests that arrive while a transaction is committing wait and are stored together in
 * the next one, so one fsync acknowledges many responses. Each request is answered only after the
 * transaction holding its responses has committed — durability is unchanged. When a group fails because
 * of one request (a used receipt code, a desk link already answered today), each request of the group
 * is retried alone, so one refusal never takes the others down.
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
  ) {}

  store(items: PreparedResponse[]): Promise<StoreOutcome[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ items, resolve, reject })
      if (!this.running) {
        this.running = true
        void this.drain()
      }
    })
  }

  private async commit(items: PreparedResponse[]) {
    const outcomes = await retryOnUniqueViolation(() => this.db.transaction().execute((trx) => storeResponses(trx, items, { now: this.clock.now(), timeZone: this.timeZone })))
    this.onCommitted?.(items, outcomes)
    return outcomes
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
        if (group.length === 1) {
          await this.commit(group[0]!.items).then(group[0]!.resolve, group[0]!.reject)
          continue
        }
        try {
          const outcomes = await this.commit(group.flatMap((w) => w.items))
          let at = 0
          for (const w of group) {
            w.resolve(outcomes.slice(at, at + w.items.length))
            at += w.items.length
          }
        } catch (e) {
          if (!(e instanceof DomainError)) {
            for (const w of group) w.reject(e)
            continue
          }
          for (const w of group) await this.commit(w.items).then(w.resolve, w.reject)
        }
        await new Promise((resolve) => setImmediate(resolve))
      }
    } finally {
      this.running = false
    }
  }
}
