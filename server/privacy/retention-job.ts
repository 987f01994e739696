import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { Clock } from '../lib/clock.ts'
import { applyCommentRetention } from './service.ts'

const DAY_MS = 24 * 3600_000

/**
 * Removes comment text past its retention period once at start and then daily. Several nodes may run
 * it: the update is idempotent, and only a run that removed something writes an audit entry.
 */
export function startRetentionJob(db: Kysely<Database>, clock: Clock, log: (line: string) => void = console.error) {
  const run = () =>
    applyCommentRetention(db, 'system', clock.now()).then(
      (r) => r.cleared && log(`retention: removed the text of ${r.cleared} comments older than ${r.commentYears} years`),
      (e) => log(`retention job failed: ${(e as Error).message}`),
    )
  const first = setTimeout(run, 60_000)
  const timer = setInterval(run, DAY_MS)
  first.unref()
  timer.unref()
  return () => {
    clearTimeout(first)
    clearInterval(timer)
  }
}
