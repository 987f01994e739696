import type { Db } from '../db/types.ts'

export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value
}

export async function insertSetting(db: Db, key: string, value: string) {
  await db.insertInto('settings').values({ key, value }).execute()
}

/** Inserts unless the key is there already (a concurrent writer may have won); never overwrites. */
export async function insertSettingIfAbsent(db: Db, key: string, value: string) {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
}

/** Inserts or replaces a setting. */
export async function upsertSetting(db: Db, key: string, value: string) {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute()
}
