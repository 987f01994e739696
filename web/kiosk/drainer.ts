import type { QueuedResponse, QueueStore } from './queue.ts'

type ItemStatus = 'created' | 'duplicate' | 'conflict' | 'invalid'
interface BatchReply {
  results: Array<{ index: number; submissionId: string | null; status: ItemStatus; error?: { code: string } }>
}

/** Runs `fn` only if no other drainer (in this tab or another) holds the lock; resolves false if skipped. */
export type Lock = (fn: () => Promise<void>) => Promise<boolean>

export interface DrainerOptions {
  store: QueueStore
  fetch: typeof fetch
  /** The device secret at the moment of sending (it changes when the tablet is paired again). */
  token: () => string | null
  lock?: Lock
  /** Waits for the backoff; resolves early when `wake` is called (back online, a new item). */
  sleep?: (ms: number, wake: Promise<void>) => Promise<void>
  baseDelayMs?: number
  maxDelayMs?: number
  batchSize?: number
  onCount?: (unsent: number) => void
  /** The server no longer knows this device: stop until it is paired again. */
  onUnpaired?: () => void
  onSent?: (at: Date) => void
}

export const BATCH_URL = '/api/v1/responses/batch'

/** Exponential backoff with a cap: 2 s, 4 s, 8 s… up to a minute, so a restored network is used soon. */
export function backoffDelay(attempt: number, base = 2000, max = 60_000): number {
  return Math.min(max, base * 2 ** attempt)
}

const realSleep = (ms: number, wake: Promise<void>) => Promise.race([new Promise<void>((r) => setTimeout(r, ms)), wake])

/** In one tab only one drain runs; without another lock (no Web Locks) that is all the locking there is. */
export const noLock: Lock = async (fn) => (await fn(), true)

/** Web Locks: one drainer across every tab of this kiosk, so two tabs never send the same item at once. */
export function webLock(name = 'hailong-kiosk-drain'): Lock {
  if (typeof navigator === 'undefined' || !navigator.locks) return noLock
  return async (fn) => await navigator.locks.request(name, { ifAvailable: true }, async (lock) => (lock ? (await fn(), true) : false))
}

/**
 * Sends the queue through the batch endpoint, oldest first. An item leaves the queue only when the server
 * confirmed it (created, or duplicate: stored by an earlier attempt whose reply was lost); a network
 * failure or a server error keeps every item and retries with backoff.
 */
export function createDrainer(o: DrainerOptions) {
  const lock = o.lock ?? noLock
  const sleep = o.sleep ?? realSleep
  let running: Promise<void> | null = null
  let wakeUp: () => void = () => {}
  let stopped = false

  async function sendBatch(items: QueuedResponse[], token: string): Promise<'ok' | 'retry' | 'unpaired'> {
    let res: Response
    try {
      res = await o.fetch(BATCH_URL, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ items }),
      })
    } catch {
      return 'retry'
    }
    if (res.status === 401) return 'unpaired'
    if (!res.ok) return 'retry'
    let reply: BatchReply
    try {
      reply = (await res.json()) as BatchReply
    } catch {
      return 'retry'
    }
    const confirmed: string[] = []
    const refused: Array<QueuedResponse & { reason: string }> = []
    for (const r of reply.results ?? []) {
      const item = items[r.index]
      if (!item) continue
      if (r.status === 'created' || r.status === 'duplicate') confirmed.push(item.submissionId)
      else refused.push({ ...item, reason: r.error?.code ?? r.status })
    }
    await o.store.remove(confirmed)
    if (refused.length) await o.store.reject(refused)
    if (confirmed.length) o.onSent?.(new Date())
    return 'ok'
  }

  async function loop() {
    let attempt = 0
    for (;;) {
      const items = await o.store.oldest(o.batchSize ?? 50)
      o.onCount?.(await o.store.count())
      const token = o.token()
      if (!items.length || !token || stopped) return
      const outcome = await sendBatch(items, token)
      if (outcome === 'unpaired') return o.onUnpaired?.()
      if (outcome === 'ok') {
        attempt = 0
        continue
      }
      const wake = new Promise<void>((r) => (wakeUp = r))
      await sleep(backoffDelay(attempt++, o.baseDelayMs, o.maxDelayMs), wake)
    }
  }

  return {
    /** Starts draining if no drain is under way here or in another tab; wakes a drain that is waiting. */
    drain(): Promise<void> {
      wakeUp()
      if (!running)
        running = lock(loop)
          .then(() => undefined)
          .finally(() => (running = null))
      return running
    },
    stop() {
      stopped = true
      wakeUp()
    },
  }
}
