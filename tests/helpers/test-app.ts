import { createApp } from '../../server/app.ts'
import { openDatabase } from '../../server/db/database.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import { fixedClock } from '../../server/lib/clock.ts'
import { readDefinitionDir } from '../../server/surveys/definition-files.ts'
import { publishDefinitions } from '../../server/surveys/catalog.ts'
import { DEFAULT_TIMEZONE } from '../../server/domain/periods.ts'

/** The real app on a migrated in-memory SQLite database with the shipped survey definitions published. */
export async function createTestApp(options: { now?: string; timeZone?: string; minSample?: number; url?: string } = {}) {
  const opened = await openDatabase(options.url ?? ':memory:')
  await migrateToLatest(opened.db)
  const clock = fixedClock(options.now ?? '2026-05-10T03:00:00.000Z')
  await publishDefinitions(opened.db, readDefinitionDir(), clock)
  const app = createApp({
    db: opened.db,
    databaseKind: opened.kind,
    clock,
    timeZone: options.timeZone ?? DEFAULT_TIMEZONE,
    minSample: options.minSample ?? 30,
  })
  return { app, db: opened.db, clock, close: opened.close }
}
export type TestApp = Awaited<ReturnType<typeof createTestApp>>
