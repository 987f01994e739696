import { openDatabase, type OpenOptions } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import { retryOnUniqueViolation } from './db/retry.ts'
import type { Env } from './env.ts'
import { systemClock, type Clock } from './lib/clock.ts'
import { publishDefinitions } from './surveys/catalog.ts'
import { readDefinitionDir } from './surveys/definition-files.ts'

/**
 * What the server and every CLI command do first: open the configured database, bring its schema up to
 * date and publish the survey definition files (refusing a changed published version).
 *
 * Several nodes may start at once on one PostgreSQL: the migrator takes a database lock, and a node that
 * loses the race to publish a definition publishes again, finding the winner's row (identical, or the
 * start is refused as for any changed published version).
 */
export async function boot(env: Env, clock: Clock = systemClock, open: Pick<OpenOptions, 'immediate'> = {}) {
  const definitions = readDefinitionDir()
  const opened = await openDatabase(env.DATABASE_URL, { synchronous: env.HAILONG_SQLITE_SYNC, poolSize: env.HAILONG_DB_POOL, ...open })
  try {
    const migrated = await migrateToLatest(opened.db)
    const published = await retryOnUniqueViolation(() => publishDefinitions(opened.db, definitions, clock))
    return { ...opened, migrated, published }
  } catch (e) {
    await opened.close()
    throw e
  }
}
