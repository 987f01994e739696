import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { Db } from '../db/types.ts'
import { canonicalJson, sha256 } from '../lib/canonical-json.ts'
import { auditHead, auditPage, insertAuditEntry, lockAuditHead } from './repository.ts'

export interface AuditInput {
  actor: string
  action: string
  target?: string | null
  details?: Record<string, unknown> | null
}

function entryHash(prev: string, e: { at: string; actor: string; action: string; target: string | null; details: string | null }) {
  return sha256(prev + canonicalJson({ at: e.at, actor: e.actor, action: e.action, target: e.target, details: e.details }))
}

/**
 * Appends to the audit log in the caller's transaction. Each entry carries the hash of the previous one;
 * the head row is updated in the same transaction, which serialises writers on every database.
 */
export async function appendAudit(trx: Db, input: AuditInput, at: Date) {
  // Updating the head first takes its row lock (PostgreSQL) before the previous hash is read.
  await lockAuditHead(trx)
  const prev = await auditHead(trx)
  // A missing head means the log was tampered with: nothing may be written without its entry.
  if (prev === undefined) throw new Error('audit_head row is missing')
  const entry = {
    at: at.toISOString(),
    actor: input.actor,
    action: input.action,
    target: input.target ?? null,
    details: input.details ? canonicalJson(input.details) : null,
  }
  const hash = entryHash(prev, entry)
  await insertAuditEntry(trx, { ...entry, prev_hash: prev, hash })
  return hash
}

/** For actions that change nothing (an export): the entry is their only write, in its own transaction. */
export function audit(db: Kysely<Database>, input: AuditInput, at: Date) {
  return db.transaction().execute((trx) => appendAudit(trx, input, at))
}

/** Re-walks the chain; the first entry whose content or link does not match is named. */
export async function verifyAuditChain(db: Db): Promise<{ ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string }> {
  let prev = '0'.repeat(64)
  let entries = 0
  let lastId = 0
  for (;;) {
    const page = await auditPage(db, lastId, 1000)
    if (!page.length) break
    for (const e of page) {
      entries++
      if (e.prev_hash !== prev) return { ok: false, entries, brokenAt: e.id, reason: 'previous hash does not match' }
      if (entryHash(prev, e) !== e.hash) return { ok: false, entries, brokenAt: e.id, reason: 'content does not match its hash' }
      prev = e.hash
    }
    lastId = page.at(-1)!.id
  }
  const head = await auditHead(db)
  if (head !== undefined && head !== prev) return { ok: false, entries, brokenAt: lastId, reason: 'the last entries were removed' }
  return { ok: true, entries }
}
