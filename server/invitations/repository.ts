import type { Db } from '../db/types.ts'
import type { InvitationTable } from '../db/schema.ts'
import type { Insertable } from 'kysely'

export async function insertInvitations(db: Db, rows: Insertable<InvitationTable>[]) {
  // SQLite caps bound parameters per statement; 100 rows × 10 columns stays well under it.
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('invitations')
      .values(rows.slice(i, i + 100))
      .execute()
}

export function findInvitationByHash(db: Db, tokenHash: string) {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
}

/** Desks with this code among the given agencies (a desk code is unique only within its agency). */
export function findDesksByCode(db: Db, agencyIds: number[], code: string) {
  return db
    .selectFrom('desks')
    .selectAll()
    .where('code', '=', code)
    .where('agency_id', 'in', agencyIds.length ? agencyIds : [-1])
    .execute()
}

/**
 * A new code for a dossier replaces its earlier unused ones (a reprinted receipt), so one dossier cannot
 * collect several answers through codes requested twice.
 */
export async function expireUnusedForDossiers(db: Db, dossierHashes: string[], at: string) {
  // One statement per 500 dossiers, not one each: a batch of 1,000 receipts names 1,000 dossiers.
  for (let i = 0; i < dossierHashes.length; i += 500)
    await db
      .updateTable('invitations')
      .set({ expires_at: at })
      .where('dossier_hash', 'in', dossierHashes.slice(i, i + 500))
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .execute()
}

/** Uses up a receipt code; the conditional update is what makes "exactly once" hold on every node. False when already used. */
export async function markInvitationUsed(db: Db, id: number, at: string) {
  const result = await db.updateTable('invitations').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
