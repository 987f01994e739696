import type { Transaction } from 'kysely'
import type { Database } from './schema.ts'
import type { Db } from './types.ts'

/**
 * The one transaction rule: a use case takes `Db` and runs its writes (and their audit entry) through this.
 * Called with the database, it opens the transaction; called with a caller's transaction (the demo seed,
 * a larger use case), it joins it, so the outermost entry point owns the unit of work.
 */
export function inTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work)
}
