import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { AlertEngine } from '../../server/alerts/engine.ts'
import type { DeliveryConfig } from '../../server/alerts/delivery.ts'
import { createApp } from '../../server/app.ts'
import { openDatabase } from '../../server/db/database.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import type { Kysely } from 'kysely'
import type { Database } from '../../server/db/schema.ts'
import { fixedClock } from '../../server/lib/clock.ts'
import { readDefinitionDir } from '../../server/surveys/definition-files.ts'
import { publishDefinitions } from '../../server/surveys/catalog.ts'
import { DEFAULT_TIMEZONE } from '../../server/domain/periods.ts'
import { SqliteWriter } from '../../server/responses/sqlite-writer.ts'
import { SqliteReader } from '../../server/db/sqlite-reader.ts'
import { onPostgres, scratchDatabase } from './test-database.ts'

type FixedClock = ReturnType<typeof fixedClock>

/**
 * The real app on a migrated database with the shipped survey definitions published: in-memory SQLite,
 * or a fresh PostgreSQL schema (dropped on close) when TEST_DATABASE_URL is set. `intakeWriter` (SQLite
 * only): a database file with intake writing from its own thread, as the server runs on a file.
 */
export async function createTestApp(
  options: {
    now?: string
    timeZone?: string
    minSample?: number
    url?: string
    delivery?: DeliveryConfig
    intakeWriter?: boolean
    reader?: boolean
    /** The alert engine's throttle (0 by default: every rating is evaluated at once). */
    alertThrottleMs?: number
    /** The database as the alert engine sees it, e.g. with every query taking time on the test's clock. */
    alertDb?: (db: Kysely<Database>, clock: FixedClock) => Kysely<Database>
  } = {},
) {
  const scratch = !options.url && onPostgres ? await scratchDatabase('app') : null
  const file = options.intakeWriter && !scratch && !options.url ? path.join(os.tmpdir(), `hailong-writer-${randomUUID()}.db`) : null
  const url = options.url ?? scratch?.url ?? file ?? ':memory:'
  const opened = await openDatabase(url, { immediate: file !== null })
  const intakeWriter = file ? new SqliteWriter(file, 'FULL') : undefined
  const reader = file && options.reader ? new SqliteReader(file) : undefined
  let stopAlerts = async () => {}
  const close = async () => {
    await stopAlerts()
    await intakeWriter?.close()
    await reader?.close()
    await opened.close()
    await scratch?.drop()
    if (file) for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true })
  }
  try {
    await migrateToLatest(opened.db)
    const clock = fixedClock(options.now ?? '2026-05-10T03:00:00.000Z')
    await publishDefinitions(opened.db, readDefinitionDir(), clock)
    const timeZone = options.timeZone ?? DEFAULT_TIMEZONE
    // The alert scheduler is not started: tests call `alerts.tick()` with their own clock.
    const alerts = new AlertEngine({
      db: options.alertDb?.(opened.db, clock) ?? opened.db,
      clock,
      timeZone,
      delivery: options.delivery,
      throttleMs: options.alertThrottleMs ?? 0,
      reader,
    })
    await intakeWriter?.start()
    const app = createApp({ db: opened.db, databaseKind: opened.kind, clock, timeZone, minSample: options.minSample ?? 30, alerts, intakeWriter, reader })
    stopAlerts = () => alerts.stop()
    return { app, db: opened.db, kind: opened.kind, url, clock, alerts, intakeWriter, reader, close }
  } catch (e) {
    await close()
    throw e
  }
}
export type TestApp = Awaited<ReturnType<typeof createTestApp>>
