import { insertId } from '../db/repository.ts'
import type { Db } from '../db/types.ts'

export function insertApiKey(db: Db, k: { agencyId: number; name: string; keyHash: string; prefix: string; createdBy: number | null; at: string }) {
  return insertId(db, 'api_keys', { agency_id: k.agencyId, name: k.name, key_hash: k.keyHash, prefix: k.prefix, created_by: k.createdBy, created_at: k.at })
}

export function findApiKeyByHash(db: Db, keyHash: string) {
  return db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst()
}

export function findApiKey(db: Db, id: number) {
  return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Keys with their agency, newest first; `agencyIds` null for the whole deployment. */
export function listApiKeys(db: Db, agencyIds: number[] | null) {
  let q = db
    .selectFrom('api_keys')
    .innerJoin('agencies', 'agencies.id', 'api_keys.agency_id')
    .select([
      'api_keys.id',
      'api_keys.name',
      'api_keys.prefix',
      'api_keys.created_at',
      'api_keys.revoked_at',
      'api_keys.last_used_at',
      'agencies.code as agency_code',
      'agencies.name as agency_name',
    ])
    .orderBy('api_keys.id', 'desc')
  if (agencyIds !== null) q = q.where('api_keys.agency_id', 'in', agencyIds.length ? agencyIds : [-1])
  return q.execute()
}

export async function revokeApiKey(db: Db, id: number, at: string) {
  const r = await db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export function touchApiKey(db: Db, id: number, at: string) {
  return db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute()
}
