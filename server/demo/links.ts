import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { listDesks } from '../desks/repository.ts'
import { demoAccountsInUse } from './users.ts'

/** The URLs worth opening, printed at every start (read from the database, not remembered). */
export async function startupLinks(db: Kysely<Database>) {
  const desks = (await listDesks(db)).filter((d) => d.active)
  const first = desks[0]
  const accounts = await demoAccountsInUse(db)
  return (base: string) => [
    ...(first ? [`  Khảo sát qua QR / Desk link:    ${base}/d/${first.public_token}  (${first.agency_name} — ${first.name})`] : []),
    ...(accounts.length ? [`  Bảng điều khiển / Dashboard:    ${base}/login`] : []),
    ...accounts.map((a) => `      ${a.username.padEnd(12)} ${a.password.padEnd(20)} ${a.role}${a.agency ? ` (${a.agency})` : ''}`),
  ]
}
