import type { Db } from '../db/types.ts'
import { inTransaction } from '../db/transaction.ts'
import { findAgencyByCode } from '../agencies/repository.ts'
import { appendAudit } from '../audit/service.ts'
import type { ApiKey } from '../db/schema.ts'
import { DomainError, invalid, unknownAgencyIssue } from '../domain/errors.ts'
import { hashToken, newToken } from '../lib/tokens.ts'
import { inScope, unknownAgencyInScope, type StaffUser, staffActor } from '../auth/scope.ts'
import { hit } from '../rate-limit/repository.ts'
import { findApiKey, findApiKeyByHash, insertApiKey, listApiKeys, revokeApiKey, touchApiKey } from './repository.ts'

/**
 * Keys expire a year after creation so a key forgotten in an old integration stops working by itself;
 * the table has no expiry column, so the lifetime is one rule for every key.
 */
export const KEY_LIFETIME_MS = 365 * 24 * 3600_000
/** Requests per minute per key: far above a one-stop system's pace, low enough to stop a runaway loop. */
export const KEY_RATE_LIMIT = 120
const KEY_RATE_WINDOW_MS = 60_000
/** Enough of the key to tell keys apart in a list, far too little to guess the rest. */
const DISPLAY_PREFIX_LENGTH = 12

const expiresAt = (createdAt: string) => new Date(new Date(createdAt).getTime() + KEY_LIFETIME_MS).toISOString()

const notFound = () => new DomainError('not_found', 'api_key_not_found', { vi: 'Không tìm thấy khóa API', en: 'API key not found' })

export async function createApiKey(db: Db, staff: StaffUser, input: { agency: string; name: string }, now: Date) {
  const agency = await findAgencyByCode(db, input.agency)
  if (staff.scope === null && !agency) throw invalid([unknownAgencyIssue('agency', input.agency)])
  if (!agency || !inScope(staff, agency.id)) throw invalid([unknownAgencyInScope('agency', input.agency)])
  // 32 random bytes (256 bits); only the hash is stored, so the key is shown this once.
  const key = newToken('hlk', 32)
  const at = now.toISOString()
  const name = input.name.normalize('NFC')
  const id = await inTransaction(db, async (trx) => {
    const keyId = await insertApiKey(trx, { agencyId: agency.id, name, keyHash: hashToken(key), prefix: key.slice(0, DISPLAY_PREFIX_LENGTH), createdBy: staff.id, at })
    await appendAudit(trx, { actor: staffActor(staff), action: 'api_key.create', target: `api_key:${keyId}`, details: { agency: agency.code, name } }, now)
    return keyId
  })
  return { id, key, prefix: key.slice(0, DISPLAY_PREFIX_LENGTH), name, agency: { code: agency.code, name: agency.name }, createdAt: at, expiresAt: expiresAt(at) }
}

export async function listKeysFor(db: Db, staff: StaffUser) {
  const rows = await listApiKeys(db, staff.scope ? [...staff.scope] : null)
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    agency: { code: r.agency_code, name: r.agency_name },
    createdAt: r.created_at,
    expiresAt: expiresAt(r.created_at),
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  }))
}

export async function revokeKey(db: Db, staff: StaffUser, id: number, now: Date) {
  const key = await findApiKey(db, id)
  // A key outside the scope is answered like a missing one: its existence is not the user's business.
  if (!key || !inScope(staff, key.agency_id)) throw notFound()
  await inTransaction(db, async (trx) => {
    if (!(await revokeApiKey(trx, id, now.toISOString()))) return
    await appendAudit(trx, { actor: staffActor(staff), action: 'api_key.revoke', target: `api_key:${id}` }, now)
  })
}

const badKey = () =>
  new DomainError('unauthorized', 'invalid_api_key', { vi: 'Khóa API không hợp lệ, đã hết hạn hoặc đã bị thu hồi', en: 'The API key is invalid, expired or revoked' })

/** The key behind `Authorization: Bearer hlk_…`; forged, expired and revoked keys get one answer (401). */
export async function authenticateApiKey(db: Db, header: string | undefined, now: Date): Promise<ApiKey> {
  const token = /^Bearer\s+(hlk_[A-Za-z0-9_-]{20,100})$/.exec(header ?? '')?.[1]
  const key = token ? await findApiKeyByHash(db, hashToken(token)) : undefined
  if (!key || key.revoked_at !== null || expiresAt(key.created_at) <= now.toISOString()) throw badKey()
  if ((await hit(db, `api_key:${key.id}`, KEY_RATE_WINDOW_MS, now)) > KEY_RATE_LIMIT)
    throw new DomainError('rate_limited', 'too_many_requests', {
      vi: `Quá ${KEY_RATE_LIMIT} yêu cầu mỗi phút cho khóa API này, vui lòng thử lại sau`,
      en: `More than ${KEY_RATE_LIMIT} requests a minute for this API key; please retry later`,
    })
  await touchApiKey(db, key.id, now.toISOString())
  return key
}
