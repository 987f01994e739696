import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { listDesks } from '../desks/repository.ts'
import { createDemoKiosk, demoKioskPairing, hasDemoKiosk } from '../kiosks/demo.ts'
import { systemClock } from '../lib/clock.ts'
import { demoAccountsInUse } from './users.ts'

/** The URLs worth opening, printed at every start (read from the database, not remembered). */
export async function startupLinks(db: Kysely<Database>) {
  const desks = (await listDesks(db)).filter((d) => d.active)
  const first = desks[0]
  const accounts = await demoAccountsInUse(db)
  // Only a demo database (demo passwords unchanged) gets a printed kiosk code; one seeded before kiosks existed gets its tablet now.
  if (accounts.length && first && !(await hasDemoKiosk(db))) await createDemoKiosk(db, first.id, systemClock.now())
  const kiosk = accounts.length ? await demoKioskPairing(db, systemClock.now()) : null
  return (base: string) => [
    ...(first ? [`  Khảo sát qua QR / Desk link:    ${base}/d/${first.public_token}  (${first.agency_name} — ${first.name})`] : []),
    ...(kiosk ? [`  Máy tính bảng / Kiosk:          ${base}/kiosk#pair=${kiosk.code}  (${kiosk.agency} — ${kiosk.desk}; mã dùng một lần, 15 phút / one-time code, 15 min)`] : []),
    ...(accounts.length ? [`  Bảng điều khiển / Dashboard:    ${base}/login`] : []),
    ...accounts.map((a) => `      ${a.username.padEnd(12)} ${a.password.padEnd(20)} ${a.role}${a.agency ? ` (${a.agency})` : ''}`),
  ]
}
