import type { Db } from '../db/types.ts'

export function listPackRows(db: Db) {
  return db.selectFrom('language_packs').selectAll().orderBy('code').execute()
}

export function findPackRow(db: Db, code: string) {
  return db.selectFrom('language_packs').selectAll().where('code', '=', code).executeTakeFirst()
}

export async function upsertPack(db: Db, code: string, body: string, at: string) {
  await db
    .insertInto('language_packs')
    .values({ code, body, updated_at: at })
    .onConflict((oc) => oc.column('code').doUpdateSet({ body, updated_at: at }))
    .execute()
}

export async function setDeskLanguage(db: Db, deskId: number, code: string | null) {
  await db.updateTable('desks').set({ language: code }).where('id', '=', deskId).execute()
}

export async function deskLanguage(db: Db, deskId: number) {
  return (await db.selectFrom('desks').select('language').where('id', '=', deskId).executeTakeFirst())?.language ?? null
}
