import { insertId } from '../db/repository.ts'
import type { Db } from '../db/types.ts'
import type { AgencyKind } from '../db/schema.ts'

export function findAgencyByCode(db: Db, code: string) {
  return db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst()
}

export function findAgency(db: Db, id: number) {
  return db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst()
}

export function listAgencies(db: Db) {
  return db.selectFrom('agencies').selectAll().orderBy('id').execute()
}

export function insertAgency(db: Db, a: { code: string; name: string; parentId: number | null; kind: AgencyKind; at: string }) {
  return insertId(db, 'agencies', { code: a.code, name: a.name, parent_id: a.parentId, kind: a.kind, created_at: a.at, updated_at: a.at })
}

export async function updateAgency(db: Db, id: number, a: { name: string; parentId: number | null; kind: AgencyKind; at: string }) {
  await db.updateTable('agencies').set({ name: a.name, parent_id: a.parentId, kind: a.kind, updated_at: a.at }).where('id', '=', id).execute()
}

/** Code and name only: what the signed-in user's card and links show of an agency. */
export async function findAgencyLabel(db: Db, id: number) {
  return (await db.selectFrom('agencies').select(['code', 'name']).where('id', '=', id).executeTakeFirst()) ?? null
}

/** Agency codes by id (exports name agencies by code). */
export async function agencyCodes(db: Db) {
  return new Map((await db.selectFrom('agencies').select(['id', 'code']).execute()).map((a) => [a.id, a.code]))
}

export async function setAgencyActiveFlag(db: Db, id: number, active: boolean, at: string) {
  await db
    .updateTable('agencies')
    .set({ active: active ? 1 : 0, updated_at: at })
    .where('id', '=', id)
    .execute()
}

/** The sub-agencies of one agency move under another. */
export async function reparentChildren(db: Db, fromId: number, toId: number, at: string) {
  await db.updateTable('agencies').set({ parent_id: toId, updated_at: at }).where('parent_id', '=', fromId).execute()
}

export async function markAgencyMerged(db: Db, id: number, intoId: number, at: string) {
  await db.updateTable('agencies').set({ active: 0, merged_into_id: intoId, merged_at: at, updated_at: at }).where('id', '=', id).execute()
}
