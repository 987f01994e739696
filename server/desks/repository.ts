import type { Db } from '../db/types.ts'

export function findDeskByToken(db: Db, token: string) {
  return db.selectFrom('desks').selectAll().where('public_token', '=', token).executeTakeFirst()
}

export function findDeskByCode(db: Db, agencyId: number, code: string) {
  return db.selectFrom('desks').selectAll().where('agency_id', '=', agencyId).where('code', '=', code).executeTakeFirst()
}

export function listDesks(db: Db) {
  return db
    .selectFrom('desks')
    .innerJoin('agencies', 'agencies.id', 'desks.agency_id')
    .select(['desks.id', 'desks.code', 'desks.name', 'desks.public_token', 'desks.agency_id', 'desks.active', 'agencies.code as agency_code', 'agencies.name as agency_name'])
    .orderBy('desks.id')
    .execute()
}

export async function insertDesk(db: Db, d: { agencyId: number; code: string; name: string; publicToken: string; at: string }) {
  const row = await db
    .insertInto('desks')
    .values({ agency_id: d.agencyId, code: d.code, name: d.name, public_token: d.publicToken, created_at: d.at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Whether this browser (its salted hash) already answered this desk's link on this local day. */
export async function answeredToday(db: Db, deskId: number, day: string, browserHash: string) {
  const row = await db.selectFrom('link_uses').select('response_id').where('desk_id', '=', deskId).where('day', '=', day).where('browser_hash', '=', browserHash).executeTakeFirst()
  return row !== undefined
}
