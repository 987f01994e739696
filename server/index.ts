import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { boot } from './boot.ts'
import { isPostgresUrl } from './db/database.ts'
import { SqliteWriter } from './responses/sqlite-writer.ts'
import { SqliteReader } from './db/sqlite-reader.ts'
import { startupLinks } from './demo/links.ts'
import { seedDemoIfEmpty } from './demo/seed.ts'
import { AlertEngine } from './alerts/engine.ts'
import { deliveryConfig, readEnv } from './env.ts'
import { systemClock } from './lib/clock.ts'
import { startRetentionJob } from './privacy/retention-job.ts'
import { startSweeper } from './maintenance/sweep.ts'

const env = readEnv()
// A SQLite file: intake writes from a thread of its own, taking turns at the write lock with this one.
const sqliteFile = isPostgresUrl(env.DATABASE_URL) ? null : env.DATABASE_URL.replace(/^sqlite:(\/\/)?/, '')
const intakeWriter = env.HAILONG_INTAKE_WORKER && sqliteFile && sqliteFile !== ':memory:' ? new SqliteWriter(path.resolve(sqliteFile), env.HAILONG_SQLITE_SYNC) : undefined
const opened = await boot(env, systemClock, { immediate: intakeWriter !== undefined })
await intakeWriter?.start()
// And the hour-by-weekday map's scan of raw responses reads from a thread of its own.
const readFile = env.HAILONG_READ_WORKER && sqliteFile && sqliteFile !== ':memory:' ? path.resolve(sqliteFile) : null
const reader = readFile ? new SqliteReader(readFile) : undefined
// The alert checks' counts get a reader thread of their own: behind a seconds-long heat-map scan they
// would be late, and a check's duration decides when the next one runs.
const alertsReader = readFile ? new SqliteReader(readFile) : undefined
await Promise.all([reader?.start(), alertsReader?.start()])
const demo = env.HAILONG_NO_SEED ? null : await seedDemoIfEmpty(opened.db, { timeZone: env.HAILONG_TZ, clock: systemClock })
const webRoot = fileURLToPath(new URL('../dist/web/', import.meta.url))
const alerts = new AlertEngine({ db: opened.db, clock: systemClock, timeZone: env.HAILONG_TZ, delivery: deliveryConfig(env), enabled: env.HAILONG_ALERTS, reader: alertsReader })
const app = createApp({
  alerts,
  intakeWriter,
  reader,
  db: opened.db,
  databaseKind: opened.kind,
  clock: systemClock,
  timeZone: env.HAILONG_TZ,
  minSample: env.HAILONG_MIN_SAMPLE,
  dossierFormats: env.HAILONG_DOSSIER_FORMATS,
  trustProxy: env.HAILONG_TRUST_PROXY,
  publicUrl: env.HAILONG_PUBLIC_URL,
  webRoot,
})

// Silence, the rolling index and retries of deliveries are checked on a schedule; stopped at shutdown.
alerts.start()
const stopRetention = startRetentionJob(opened.db, systemClock)
// Old rate-limit rows, lapsed sign-in counts and expired sessions are deleted every few minutes.
const sweeper = startSweeper(opened.db, systemClock)
const links = startupLinks(opened.db)
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  const base = env.HAILONG_PUBLIC_URL ?? `http://localhost:${info.port}`
  const lines = [
    `hailong đang chạy / is running — ${opened.kind === 'sqlite' ? `SQLite ${path.resolve(env.DATABASE_URL)}` : 'PostgreSQL'}, ${env.HAILONG_TZ}`,
    `  Trang chủ / Home:               ${base}/`,
    `  Kiểm tra / Health:              ${base}/healthz`,
  ]
  if (demo) lines.push(`  Dữ liệu mẫu / Demo data:        ${demo.agencies} cơ quan, ${demo.desks} quầy, ${demo.responses} phiếu (${demo.quarters[0]} → ${demo.quarters.at(-1)})`)
  links.then((more) => console.log([...lines, ...more(base)].join('\n')))
})
// A port already taken is the operator's to fix: said in words, not as a stack trace.
server.once('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EADDRINUSE' && e.code !== 'EACCES') throw e
  const why = e.code === 'EADDRINUSE' ? ['đang được dùng bởi chương trình khác', 'is in use by another program'] : ['không được phép mở', 'may not be opened']
  console.error(`Cổng ${env.PORT} ${why[0]}: đặt PORT=… khác / Port ${env.PORT} ${why[1]}: set another PORT=…`)
  process.exit(1)
})

// Stop taking requests, let the ones under way finish, then close the database cleanly (WAL checkpoint).
const stop = () => {
  const alertsStopped = alerts.stop()
  stopRetention()
  server.close(async () => {
    await alertsStopped
    await sweeper.stop()
    await intakeWriter?.close()
    await reader?.close()
    await alertsReader?.close()
    await opened.close()
    process.exit(0)
  })
  setTimeout(() => process.exit(0), 5000).unref()
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
