import type { Db } from '../db/types.ts'

/** Takes the head row's lock (PostgreSQL) with a no-op update, so the previous hash is read by one writer at a time. */
export async function lockAuditHead(trx: Db) {
  await trx
    .updateTable('audit_head')
    .set((eb) => ({ hash: eb.ref('hash') }))
    .where('id', '=', 1)
    .execute()
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

export interface AuditQuery {
  limit: number
  offset?: number
  before?: number
  /** `user:admin`, `system`… exactly. */
  actor?: string
  /** An action (`desk.update`) or a family (`desk`: every `desk.*`). */
  action?: string
  /** Entries about this agency: its own target, its desks' (`desk:CODE/…`), or naming it in the details. */
  agency?: string
  /** ISO instants, from inclusive, to exclusive. */
  from?: string
  to?: string
}

/** The newest entries matching the filters (before an id or from an offset, for paging back), newest first, with the total. */
export async function listAuditEntries(db: Db, q: AuditQuery) {
  let query = db.selectFrom('audit_log')
  if (q.before) query = query.where('id', '<', q.before)
  if (q.actor) query = query.where('actor', '=', q.actor)
  if (q.action) query = query.where((eb) => eb.or([eb('action', '=', q.action!), eb('action', 'like', `${q.action}.%`)]))
  if (q.agency) {
    const code = q.agency
    query = query.where((eb) => eb.or([eb('target', '=', `agency:${code}`), eb('target', 'like', `desk:${code}/%`), eb('details', 'like', `%"${code}"%`)]))
  }
  if (q.from) query = query.where('at', '>=', q.from)
  if (q.to) query = query.where('at', '<', q.to)
  const [rows, total] = await Promise.all([
    query
      .selectAll()
      .orderBy('id', 'desc')
      .limit(q.limit)
      .offset(q.offset ?? 0)
      .execute(),
    query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { total: Number(total.n), entries: rows.map((e) => ({ ...e, details: e.details ? (JSON.parse(e.details) as unknown) : null })) }
}

/** Who appears in the log, and which actions: the audit page's pick-lists. */
export async function auditFacets(db: Db) {
  const [actors, actions] = await Promise.all([
    db.selectFrom('audit_log').select('actor').distinct().orderBy('actor').execute(),
    db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute(),
  ])
  return { actors: actors.map((r) => r.actor), actions: actions.map((r) => r.action) }
}
