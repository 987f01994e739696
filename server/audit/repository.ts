import type { Db } from '../db/types.ts'

/** Takes the head row's lock (PostgreSQL) with a no-op update, so the previous hash is read by one writer at a time. */
export async function lockAuditHead(trx: Db) {
  await trx.updateTable('audit_head').set((eb) => ({ hash: eb.ref('hash') })).where('id', '=', 1).execute()
}

export async function auditHead(db: Db): Promise<string | undefined> {
  return (await db.selectFrom('audit_head').select('hash').where('id', '=', 1).executeTakeFirst())?.hash
}

export async function insertAuditEntry(trx: Db, e: { at: string; actor: string; action: string; target: string | null; details: string | null; prev_hash: string; hash: string }) {
  await trx.insertInto('audit_log').values(e).execute()
  await trx.updateTable('audit_head').set({ hash: e.hash }).where('id', '=', 1).execute()
}

/** Entries after `afterId`, oldest first: for walking the chain page by page. */
export function auditPage(db: Db, afterId: number, limit: number) {
  return db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute()
}

/** The newest entries (before an id, for paging back), newest first, details parsed. */
export async function listAuditEntries(db: Db, q: { limit: number; before?: number }) {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(q.limit)
  if (q.before) query = query.where('id', '<', q.before)
  return (await query.execute()).map((e) => ({ ...e, details: e.details ? (JSON.parse(e.details) as unknown) : null }))
}
