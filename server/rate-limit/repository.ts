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

/** Old windows are useless; dropped now and then so the table stays small. */
export function pruneBefore(db: Db, before: Date) {
  return db.deleteFrom('rate_limits').where('window_start', '<', before.toISOString()).execute()
}
