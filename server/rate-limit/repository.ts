import { sql } from 'kysely'
import type { Db } from '../db/types.ts'

/**
 * Adds one to a fixed-window counter kept in the database (shared by every app node) and returns the
 * new count for the window.
 */
export async function hit(db: Db, key: string, windowMs: number, now: Date): Promise<number> {
  const window = new Date(Math.floor(now.getTime() / windowMs) * windowMs).toISOString()
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: window, count: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql<number>`rate_limits.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

export async function peek(db: Db, key: string, windowMs: number, now: Date): Promise<number> {
  const window = new Date(Math.floor(now.getTime() / windowMs) * windowMs).toISOString()
  const row = await db.selectFrom('rate_limits').select('count').where('key', '=', key).where('window_start', '=', window).executeTakeFirst()
  return Number(row?.count ?? 0)
}

/** Old windows are useless; dropped by the periodic sweep (see maintenance/sweep.ts) so the table stays small. */
export async function pruneBefore(db: Db, before: Date): Promise<number> {
  const r = await db.deleteFrom('rate_limits').where('window_start', '<', before.toISOString()).executeTakeFirst()
  return Number(r.numDeletedRows)
}

/**
 * Counts one attempt under `key` and returns how many there are in the sliding window: the count starts
 * again at 1 when the previous attempt is older than `windowMs`, and every attempt moves the window on.
 * One upsert, so concurrent attempts (on any node) each get their own number.
 */
export async function countAttempt(db: Db, key: string, windowMs: number, now: Date): Promise<number> {
  const lapsed = new Date(now.getTime() - windowMs).toISOString()
  const row = await db
    .insertInto('login_throttle')
    .values({ key, attempts: 1, last_at: now.toISOString() })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        attempts: sql<number>`case when login_throttle.last_at <= ${lapsed} then 1 else login_throttle.attempts + 1 end`,
        last_at: now.toISOString(),
      }),
    )
    .returning('attempts')
    .executeTakeFirstOrThrow()
  return Number(row.attempts)
}

/** Takes back one counted attempt (it turned out to be a success). */
export async function forgiveAttempt(db: Db, key: string): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({ attempts: sql<number>`attempts - 1` })
    .where('key', '=', key)
    .where('attempts', '>', 0)
    .execute()
}

export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute()
}

export async function pruneAttempts(db: Db, before: Date): Promise<number> {
  const r = await db.deleteFrom('login_throttle').where('last_at', '<', before.toISOString()).executeTakeFirst()
  return Number(r.numDeletedRows)
}
