import type { Updateable } from 'kysely'
import type { KioskTable } from '../db/schema.ts'
import { insertId, placeNames } from '../db/repository.ts'
import type { Db } from '../db/types.ts'

export function findKiosk(db: Db, id: number) {
  return db.selectFrom('kiosks').selectAll().where('id', '=', id).executeTakeFirst()
}

export function insertKiosk(db: Db, k: { deskId: number; name: string; pairingHash: string; pairingExpiresAt: string; at: string }) {
  return insertId(db, 'kiosks', { desk_id: k.deskId, name: k.name, pairing_hash: k.pairingHash, pairing_expires_at: k.pairingExpiresAt, created_at: k.at })
}

export async function updateKiosk(db: Db, id: number, values: Updateable<KioskTable>) {
  await db.updateTable('kiosks').set(values).where('id', '=', id).execute()
}

/**
 * Uses up a pairing code: the conditional update (unexpired, unused, not revoked) is what makes a code
 * work once even when two tablets race with it. Returns the kiosk id, or undefined.
 */
export async function claimPairing(db: Db, p: { pairingHash: string; secretHash: string; now: string }) {
  const row = await db
    .updateTable('kiosks')
    .set({ secret_hash: p.secretHash, pairing_hash: null, pairing_expires_at: null, paired_at: p.now, last_seen_at: p.now })
    .where('pairing_hash', '=', p.pairingHash)
    .where('pairing_expires_at', '>', p.now)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  return row?.id
}

/** Kiosks with their desk and agency, for the fleet list and for a device's configuration. */
export function kioskRows(db: Db) {
  return db
    .selectFrom('kiosks')
    .innerJoin('desks', 'desks.id', 'kiosks.desk_id')
    .innerJoin('agencies', 'agencies.id', 'desks.agency_id')
    .selectAll('kiosks')
    .select([...placeNames, 'desks.agency_id', 'desks.survey_version_id', 'desks.opening_hours as desk_opening_hours'])
    .orderBy('kiosks.id')
}
export type KioskRow = Awaited<ReturnType<ReturnType<typeof kioskRows>['executeTakeFirstOrThrow']>>

export function findKioskRowById(db: Db, id: number) {
  return kioskRows(db).where('kiosks.id', '=', id).executeTakeFirst()
}

export function listKioskRows(db: Db) {
  return kioskRows(db).execute()
}

export function findKioskRowBySecretHash(db: Db, secretHash: string) {
  return kioskRows(db).where('kiosks.secret_hash', '=', secretHash).executeTakeFirst()
}

/** A kiosk already paired (benchmarks and crash tests start from one). */
export async function insertPairedKiosk(db: Db, k: { deskId: number; name: string; secretHash: string; at: string }) {
  await db.insertInto('kiosks').values({ desk_id: k.deskId, name: k.name, secret_hash: k.secretHash, paired_at: k.at, created_at: k.at }).execute()
}
