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

export async function insertAgency(db: Db, a: { code: string; name: string; parentId: number | null; kind: AgencyKind; at: string }) {
  const row = await db
    .insertInto('agencies')
    .values({ code: a.code, name: a.name, parent_id: a.parentId, kind: a.kind, created_at: a.at, updated_at: a.at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateAgency(db: Db, id: number, a: { name: string; parentId: number | null; kind: AgencyKind; at: string }) {
  await db.updateTable('agencies').set({ name: a.name, parent_id: a.parentId, kind: a.kind, updated_at: a.at }).where('id', '=', id).execute()
}
