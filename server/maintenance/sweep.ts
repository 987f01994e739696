import type { Kysely } from 'kysely'
import { deleteExpiredSessions } from '../auth/repository.ts'
import type { Database } from '../db/schema.ts'
import type { Clock } from '../lib/clock.ts'
import { pruneAttempts, pruneBefore } from '../rate-limit/repository.ts'

/**
 * The longest rate-limit window is a day (a desk link's cookie-less answers per address); a window kept
 * a little past a day can no longer count for anything. Pruning sooner would reset a day's count mid-day.
 */
const RATE_LIMIT_KEEP_MS = 25 * 3600_000
/** Sign-in counts start again after 15 minutes without an attempt. */
const LOGIN_KEEP_MS = 15 * 60_000
export const SWEEP_INTERVAL_MS = 10 * 60_000

export interface SweepResult {
  rateLimits: number
  loginAttempts: number
  sessions: number
}

/** Deletes what can no longer matter: old rate-limit windows, lapsed sign-in counts, expired sessions. */
export async function sweep(db: Kysely<Database>, now: Date): Promise<SweepResult> {
  return {
    rateLimits: await pruneBefore(db, new Date(now.getTime() - RATE_LIMIT_KEEP_MS)),
    loginAttempts: await pruneAttempts(db, new Date(now.getTime() - LOGIN_KEEP_MS)),
    sessions: await deleteExpiredSessions(db, now),
  }
}

/**
 * Runs `sweep` now and then every `intervalMs`, on the injected clock's time (every node may run it: the
 * deletes are idempotent). A failed sweep is logged and tried again at the next tick; `stop` ends it.
 */
export function startSweeper(db: Kysely<Database>, clock: Clock, intervalMs = SWEEP_INTERVAL_MS) {
  let running: Promise<SweepResult | null> | null = null
  const runOnce = () =>
    (running ??= sweep(db, clock.now())
      .catch((e: unknown) => {
        console.error('periodic sweep failed (tried again later):', e)
        return null
      })
      .finally(() => (running = null)))
  const timer = setInterval(() => void runOnce(), intervalMs)
  timer.unref()
  void runOnce()
  return {
    runOnce,
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
