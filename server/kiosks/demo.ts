import type { Db } from '../db/types.ts'
import { inTransaction } from '../db/transaction.ts'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { getSetting, insertSetting } from '../settings/repository.ts'
import { createKiosk, findKioskRow, renewPairing } from './service.ts'

/** The settings row that remembers which kiosk is the demo's, so a real kiosk never gets a printed code. */
const DEMO_KIOSK_KEY = 'demo.kiosk'

export function createDemoKiosk(db: Db, deskId: number, now: Date) {
  return inTransaction(db, async (trx) => {
    const { id } = await createKiosk(trx, { deskId, name: 'Máy tính bảng mẫu / Demo tablet', actor: 'demo-seed' }, now)
    await insertSetting(trx, DEMO_KIOSK_KEY, String(id))
    return id
  })
}

export async function hasDemoKiosk(db: Kysely<Database>) {
  return (await getSetting(db, DEMO_KIOSK_KEY)) !== undefined
}

/**
 * A fresh 15-minute pairing code for the demo kiosk, printed at start-up so the demo tablet can be paired
 * (or paired again) from the console. Nothing for a revoked or missing demo kiosk.
 */
export async function demoKioskPairing(db: Db, now: Date) {
  const value = await getSetting(db, DEMO_KIOSK_KEY)
  const kiosk = value !== undefined ? await findKioskRow(db, Number(value)) : undefined
  if (!kiosk || kiosk.revoked_at) return null
  const { code } = await renewPairing(db, kiosk.id, 'demo-start', now)
  return { code, agency: kiosk.agency_name, desk: kiosk.desk_name }
}
