import { isTransientConflict, isUniqueViolation } from './dialect.ts'

/**
 * Runs `work` (which opens and commits its own transaction) again when it lost a race to another
 * transaction. On PostgreSQL two nodes can both miss a pre-check such as "is this submission id stored?"
 * and both insert; the loser fails with a unique violation. Its transaction rolled back whole, so running
 * it again is safe, and the second run sees the winner's row and answers as for any repeat (duplicate,
 * conflict, code already used). Deadlock victims are retried the same way. On SQLite transactions are
 * serialised and this never retries.
 *
 * `work` must not have effects outside the database that a second run would repeat.
 */
export async function retryOnUniqueViolation<T>(work: () => Promise<T>, options: { attempts?: number } = {}): Promise<T> {
  const attempts = options.attempts ?? 3
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (e) {
      if (attempt >= attempts || !(isUniqueViolation(e) || isTransientConflict(e))) throw e
    }
  }
}
