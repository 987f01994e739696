import { openDatabase } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import type { Env } from './env.ts'
import { systemClock, type Clock } from './lib/clock.ts'
import { publishDefinitions } from './surveys/catalog.ts'
import { readDefinitionDir } from './surveys/definition-files.ts'

/**
 * What the server and every CLI command do first: open the configured database, bring its schema up to
 * date and publish the survey definition files (refusing a changed published version).
 */
export async function boot(env: Env, clock: Clock = systemClock) {
  const definitions = readDefinitionDir()
  const opened = await openDatabase(env.DATABASE_URL, { synchronous: env.HAILONG_SQLITE_SYNC })
  try {
    const migrated = await migrateToLatest(opened.db)
    const published = await publishDefinitions(opened.db, definitions, clock)
    return { ...opened, migrated, published }
  } catch (e) {
    await opened.close()
    throw e
  }
}
