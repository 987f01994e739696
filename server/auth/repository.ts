import { insertId } from '../db/repository.ts'
import type { Db } from '../db/types.ts'
import type { Role } from '../db/schema.ts'

export function findUserByName(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()
}

export function findUser(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

export function insertUser(
  db: Db,
  u: { username: string; displayName: string; passwordHash: string; role: Role; agencyId: number | null; homeAgencyId?: number | null; at: string },
) {
  return insertId(db, 'users', {
    username: u.username,
    display_name: u.displayName,
    password_hash: u.passwordHash,
    role: u.role,
    agency_id: u.agencyId,
    home_agency_id: u.homeAgencyId ?? u.agencyId,
    created_at: u.at,
    password_changed_at: u.at,
  })
}

export function findSession(db: Db, idHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id_hash',
      'sessions.csrf_token',
      'sessions.expires_at',
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.agency_id',
      'users.home_agency_id',
      'users.active',
    ])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst()
}

export function insertSession(db: Db, s: { idHash: string; userId: number; csrfToken: string; at: string; expiresAt: string }) {
  return db.insertInto('sessions').values({ id_hash: s.idHash, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.at, expires_at: s.expiresAt }).execute()
}

export function deleteSession(db: Db, idHash: string) {
  return db.deleteFrom('sessions').where('id_hash', '=', idHash).execute()
}

export function deleteUserSessions(db: Db, userId: number) {
  return db.deleteFrom('sessions').where('user_id', '=', userId).execute()
}

/** Every account with its agency's code, by username. */
export async function listUsers(db: Db) {
  const rows = await db
    .selectFrom('users')
    .leftJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.username', 'users.display_name', 'users.role', 'users.active', 'users.agency_id', 'agencies.code as agency', 'users.created_at'])
    .orderBy('users.username')
    .execute()
  return rows.map((u) => ({
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    active: u.active === 1,
    agencyId: u.agency_id,
    agency: u.agency,
    createdAt: u.created_at,
  }))
}

export async function setUserActiveFlag(db: Db, id: number, active: boolean) {
  await db
    .updateTable('users')
    .set({ active: Number(active) })
    .where('id', '=', id)
    .execute()
}

export async function setUserPassword(db: Db, id: number, passwordHash: string, at: string) {
  await db.updateTable('users').set({ password_hash: passwordHash, password_changed_at: at }).where('id', '=', id).execute()
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).executeTakeFirst()
  return Number(r.numDeletedRows)
}
