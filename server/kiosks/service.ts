import { z } from 'zod'
import { appendAudit } from '../audit/service.ts'
import { inTransaction } from '../db/transaction.ts'
import { inScope, type StaffUser } from '../auth/scope.ts'
import { upsertSetting } from '../settings/repository.ts'
import { jsonSetting } from '../settings/service.ts'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { Db } from '../db/types.ts'
import { DomainError } from '../domain/errors.ts'
import { contentHash } from '../lib/canonical-json.ts'
import { hashToken, newToken } from '../lib/tokens.ts'
import { citizenLanguage } from '../language-packs/service.ts'
import { publicPrivacy } from '../privacy/service.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { surveyForDesk } from '../desks/service.ts'
import { fleetStatus } from './opening-hours.ts'
import { claimPairing, findKiosk, findKioskRowById, insertKiosk, updateKiosk, type KioskRow } from './repository.ts'

/** A pairing code opens the kiosk for 15 minutes: long enough to walk to the desk, short if it leaks. */
export const PAIRING_TTL_MS = 15 * 60_000

/** How the tablet behaves; kept in the settings table (`kiosk.settings`) so a province can tune it. */
export const KioskSettings = z.object({
  resetDelayMs: z.number().int().min(0).max(600_000).default(5000),
  idleTimeoutMs: z.number().int().min(1000).max(3_600_000).default(30_000),
  repeatIntervalMs: z.number().int().min(0).max(600_000).default(5000),
})
export type KioskSettings = z.infer<typeof KioskSettings>
export const KIOSK_SETTINGS_KEY = 'kiosk.settings'

/** A damaged row falls back to the defaults rather than stopping every kiosk. */
export function kioskSettings(db: Db): Promise<KioskSettings> {
  return jsonSetting(db, KIOSK_SETTINGS_KEY, KioskSettings)
}

/**
 * Changes the tablets' delays for the whole deployment, with its audit entry in the same transaction; every
 * tablet picks them up at its next heartbeat (they are part of the configuration's hash).
 */
export async function setKioskSettings(db: Kysely<Database>, next: KioskSettings, actor: string, now: Date) {
  return db.transaction().execute(async (trx) => {
    const before = await kioskSettings(trx)
    await upsertSetting(trx, KIOSK_SETTINGS_KEY, JSON.stringify(next))
    await appendAudit(trx, { actor, action: 'kiosk.settings', target: null, details: { from: before, to: next } }, now)
    return next
  })
}

export const kioskNotFound = () => new DomainError('not_found', 'kiosk_not_found', { vi: 'Không tìm thấy máy tính bảng', en: 'Kiosk not found' })

export const notPaired = () => new DomainError('unauthorized', 'kiosk_not_paired', { vi: 'Máy chưa được ghép nối với quầy', en: 'This tablet is not paired with a desk' })

export const kioskRevoked = () => new DomainError('forbidden', 'kiosk_revoked', { vi: 'Máy tính bảng này đã bị thu hồi', en: 'This tablet was revoked' })

export async function findKioskRow(db: Db, id: number): Promise<KioskRow | undefined> {
  return findKioskRowById(db, id)
}

/** Desks and kiosks outside the staff member's agencies answer as missing: their existence is not disclosed. */
export async function kioskInScope(db: Db, staff: StaffUser, id: number) {
  const k = await findKioskRow(db, id)
  if (!k || !inScope(staff, k.agency_id)) throw kioskNotFound()
  return k
}

function pairingCode(now: Date) {
  const code = newToken('kpair', 24)
  return { code, hash: hashToken(code), expiresAt: new Date(now.getTime() + PAIRING_TTL_MS).toISOString() }
}

export async function createKiosk(db: Db, k: { deskId: number; name: string; actor: string }, now: Date) {
  const pairing = pairingCode(now)
  return inTransaction(db, async (trx) => {
    const id = await insertKiosk(trx, { deskId: k.deskId, name: k.name, pairingHash: pairing.hash, pairingExpiresAt: pairing.expiresAt, at: now.toISOString() })
    await appendAudit(trx, { actor: k.actor, action: 'kiosk.create', target: `kiosk:${id}`, details: { desk: k.deskId, name: k.name } }, now)
    return { id, code: pairing.code, expiresAt: pairing.expiresAt }
  })
}

/** A fresh code for an existing kiosk (new tablet, expired code); the paired tablet keeps working until it is used. */
export async function renewPairing(db: Db, id: number, actor: string, now: Date) {
  const pairing = pairingCode(now)
  await inTransaction(db, async (trx) => {
    await updateKiosk(trx, id, { pairing_hash: pairing.hash, pairing_expires_at: pairing.expiresAt })
    await appendAudit(trx, { actor, action: 'kiosk.pairing', target: `kiosk:${id}` }, now)
  })
  return { id, code: pairing.code, expiresAt: pairing.expiresAt }
}

/** Turns a pairing code into the device's secret; the secret is returned once and stored only hashed. */
export async function pairKiosk(db: Db, code: string, now: Date) {
  const secret = newToken('kiosk', 32)
  return inTransaction(db, async (trx) => {
    const id = await claimPairing(trx, { pairingHash: hashToken(code), secretHash: hashToken(secret), now: now.toISOString() })
    if (id === undefined)
      throw new DomainError('gone', 'pairing_invalid', {
        vi: 'Mã ghép nối không đúng, đã dùng hoặc đã hết hạn (15 phút). Hãy tạo mã mới.',
        en: 'The pairing code is wrong, used or expired (15 minutes). Please create a new one.',
      })
    await appendAudit(trx, { actor: `kiosk:${id}`, action: 'kiosk.pair', target: `kiosk:${id}` }, now)
    return { id, secret }
  })
}

/**
 * Renames and/or moves a kiosk (one audit entry per change, one transaction). Later responses count for
 * the new desk; what the tablet already queued is sent as that desk's too.
 */
export async function editKiosk(db: Db, k: { id: number; name: string; desk_id: number }, change: { name?: string; deskId?: number }, actor: string, now: Date) {
  await inTransaction(db, async (trx) => {
    if (change.name !== undefined && change.name !== k.name) {
      await updateKiosk(trx, k.id, { name: change.name })
      await appendAudit(trx, { actor, action: 'kiosk.rename', target: `kiosk:${k.id}`, details: { name: change.name } }, now)
    }
    if (change.deskId !== undefined && change.deskId !== k.desk_id) {
      await updateKiosk(trx, k.id, { desk_id: change.deskId })
      await appendAudit(trx, { actor, action: 'kiosk.move', target: `kiosk:${k.id}`, details: { from: k.desk_id, to: change.deskId } }, now)
    }
  })
}

export async function revokeKiosk(db: Db, id: number, actor: string, now: Date) {
  return inTransaction(db, async (trx) => {
    const kiosk = await findKiosk(trx, id)
    if (!kiosk) throw kioskNotFound()
    if (kiosk.revoked_at) return kiosk.revoked_at
    const at = now.toISOString()
    // The secret hash stays: the tablet must still be recognised to drain what it queued before this instant.
    await updateKiosk(trx, id, { revoked_at: at, pairing_hash: null, pairing_expires_at: null })
    await appendAudit(trx, { actor, action: 'kiosk.revoke', target: `kiosk:${id}` }, now)
    return at
  })
}

/** Everything the tablet shows; its hash tells the tablet, at each heartbeat, when to fetch it again. */
export async function kioskConfig(db: Db, catalog: SurveyCatalog, k: KioskRow) {
  // The desk's assignment for kiosks (administration), else its default, else the newest `mot-cua`.
  const version = await surveyForDesk(db, catalog, k.desk_id, 'kiosk')
  const { definition, language } = await citizenLanguage(db, k.desk_id, version.definition, version.key)
  const body = {
    kiosk: { id: k.id, name: k.name },
    agency: { code: k.agency_code, name: k.agency_name },
    desk: { code: k.desk_code, name: k.desk_name },
    survey: version.key,
    definition,
    settings: await kioskSettings(db),
    privacy: await publicPrivacy(db),
    // In the configuration (data, cached with it for offline starts), not in the kiosk's code.
    language,
  }
  return { ...body, configHash: contentHash(body) }
}

export const Heartbeat = z
  .object({
    appVersion: z.string().trim().min(1).max(40),
    queueLength: z.number().int().min(0).max(10_000_000),
    lastSubmissionAt: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict()
export type Heartbeat = z.infer<typeof Heartbeat>

export async function recordHeartbeat(db: Db, id: number, h: Heartbeat, now: Date) {
  await updateKiosk(db, id, {
    last_seen_at: now.toISOString(),
    app_version: h.appVersion,
    queue_length: h.queueLength,
    last_submission_at: h.lastSubmissionAt ? new Date(h.lastSubmissionAt).toISOString() : null,
  })
}

/** One kiosk as staff see it in the fleet list. */
export function fleetEntry(k: KioskRow, now: Date) {
  return {
    id: k.id,
    name: k.name,
    agency: { id: k.agency_id, code: k.agency_code, name: k.agency_name },
    desk: { id: k.desk_id, code: k.desk_code, name: k.desk_name },
    status: fleetStatus(k, now),
    pairedAt: k.paired_at,
    pairingExpiresAt: k.pairing_expires_at,
    revokedAt: k.revoked_at,
    lastSeenAt: k.last_seen_at,
    appVersion: k.app_version,
    queueLength: k.queue_length,
    lastSubmissionAt: k.last_submission_at,
    createdAt: k.created_at,
  }
}
