import { z } from 'zod'
import { appendAudit } from '../audit/service.ts'
import { agencyScope, staffActor } from '../auth/scope.ts'
import { findUserByName } from '../auth/repository.ts'
import { inTransaction } from '../db/transaction.ts'
import type { Db } from '../db/types.ts'
import { AlertKind, alertSummary, RuleParams, scopeKey, stateText } from '../domain/alert-rules.ts'
import { ALERT_KIND_TEXT } from '../domain/vocabulary.ts'
import { DomainError, invalid, issue } from '../domain/errors.ts'
import { zodIssues } from '../domain/zod-issues.ts'
import type { StaffUser } from '../auth/scope.ts'
import { alertComments, deleteRule, deliveriesOf, insertAlertComment, triggeringResponses, updateOpenAlert, upsertRule, type AlertRow } from './repository.ts'

export const alertNotFound = () =>
  new DomainError('not_found', 'alert_not_found', { vi: 'Không tìm thấy cảnh báo hoặc ngoài phạm vi được xem', en: 'Alert not found, or outside what you may see' })

const alreadyResolved = () => new DomainError('conflict', 'alert_resolved', { vi: 'Cảnh báo này đã được xử lý xong', en: 'This alert is already resolved' })

/** An alert as the staff app shows it: words for its kind, state and facts; names, never bare ids. */
export function alertView(a: AlertRow) {
  const facts = JSON.parse(a.facts) as Record<string, unknown>
  return {
    id: a.id,
    kind: a.kind,
    kindText: ALERT_KIND_TEXT[a.kind],
    state: a.state,
    stateText: stateText[a.state],
    summary: alertSummary(a.kind, facts),
    facts,
    agency: { code: a.agency_code, name: a.agency_name },
    desk: a.desk_id ? { id: a.desk_id, code: a.desk_code, name: a.desk_name } : null,
    kiosk: a.kiosk_id ? { id: a.kiosk_id, name: a.kiosk_name } : null,
    owner: a.owner_username ? { username: a.owner_username, name: a.owner_name } : null,
    raisedAt: a.raised_at,
    acknowledgedAt: a.acknowledged_at,
    resolvedAt: a.resolved_at,
    closingNote: a.closing_note,
  }
}

export async function alertDetail(db: Db, a: AlertRow) {
  const deliveries = await deliveriesOf(db, a.id)
  const channels = new Map<
    number,
    { channel: string; status: string; attempts: number; nextAttemptAt: string; log: Array<{ attempt: number; at: string; ok: boolean; detail: string | null }> }
  >()
  for (const d of deliveries) {
    const c = channels.get(d.id) ?? channels.set(d.id, { channel: d.channel, status: d.status, attempts: d.attempts, nextAttemptAt: d.next_attempt_at, log: [] }).get(d.id)!
    if (d.attempt !== null) c.log.push({ attempt: d.attempt, at: d.at!, ok: d.ok === 1, detail: d.detail })
  }
  return {
    ...alertView(a),
    ratings: await triggeringResponses(db, JSON.parse(a.response_ids) as number[]),
    comments: (await alertComments(db, a.id)).map((c) => ({ id: c.id, body: c.body, at: c.at, by: { username: c.username, name: c.display_name } })),
    deliveries: [...channels.values()],
  }
}

/** The owner must be an active admin or manager who may see the alert's agency. */
async function ownerFor(trx: Db, alert: AlertRow, username: string) {
  const user = await findUserByName(trx, username)
  const scope = user ? await agencyScope(trx, user.agency_id) : null
  if (!user || !user.active || user.role === 'viewer' || (scope !== null && !scope.has(alert.agency_id)))
    throw invalid([
      issue('owner', 'owner_not_allowed', 'Người phụ trách phải là quản trị hoặc quản lý được xem cơ quan này', 'The owner must be an admin or manager who may see this agency'),
    ])
  return user
}

/** mới → đã tiếp nhận: someone owns it now (the one who acknowledges, or the colleague named). */
export async function acknowledgeAlert(db: Db, alert: AlertRow, staff: StaffUser, owner: string | undefined, now: Date) {
  if (alert.state === 'resolved') throw alreadyResolved()
  await inTransaction(db, async (trx) => {
    const user = await ownerFor(trx, alert, owner ?? staff.username)
    if (!(await updateOpenAlert(trx, alert.id, { state: 'acknowledged', owner_user_id: user.id, acknowledged_at: alert.acknowledged_at ?? now.toISOString() })))
      throw alreadyResolved()
    await appendAudit(trx, { actor: staffActor(staff), action: 'alert.acknowledge', target: `alert:${alert.id}`, details: { owner: user.username, from: alert.state } }, now)
  })
}

export async function commentOnAlert(db: Db, alert: AlertRow, staff: StaffUser, body: string, now: Date) {
  await inTransaction(db, async (trx) => {
    const id = await insertAlertComment(trx, { alertId: alert.id, userId: staff.id, body, at: now.toISOString() })
    await appendAudit(trx, { actor: staffActor(staff), action: 'alert.comment', target: `alert:${alert.id}`, details: { comment: id } }, now)
  })
}

/** → đã xử lý, with the closing note saying what was done. An alert still new is taken on by the one who closes it. */
export async function resolveAlert(db: Db, alert: AlertRow, staff: StaffUser, note: string, now: Date) {
  if (alert.state === 'resolved') throw alreadyResolved()
  const at = now.toISOString()
  await inTransaction(db, async (trx) => {
    const changed = await updateOpenAlert(trx, alert.id, {
      state: 'resolved',
      resolved_at: at,
      closing_note: note,
      acknowledged_at: alert.acknowledged_at ?? at,
      owner_user_id: alert.owner_user_id ?? staff.id,
    })
    if (!changed) throw alreadyResolved()
    await appendAudit(trx, { actor: staffActor(staff), action: 'alert.resolve', target: `alert:${alert.id}`, details: { note } }, now)
  })
}

export const RuleChange = z
  .object({
    kind: AlertKind,
    agency: z.string().max(64).optional(),
    deskId: z.number().int().positive().optional(),
    /** true: remove this scope's own setting, so the one above applies again. */
    inherit: z.boolean().optional(),
    enabled: z.boolean().default(true),
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
export type RuleChange = z.infer<typeof RuleChange>

/** Sets (or clears) one scope's rule of one kind; the parameters are checked against that kind's schema. */
export async function setRule(db: Db, change: RuleChange, target: { agencyId: number | null; deskId: number | null }, staff: StaffUser, now: Date) {
  const key = scopeKey(target)
  if (change.inherit)
    return inTransaction(db, async (trx) => {
      await deleteRule(trx, change.kind, key)
      await appendAudit(trx, { actor: staffActor(staff), action: 'alert.rule.inherit', target: `alert-rule:${change.kind}:${key}` }, now)
    })
  const parsed = RuleParams[change.kind].safeParse(change.params)
  if (!parsed.success) throw invalid(zodIssues(parsed.error, 'params'))
  const params = JSON.stringify(parsed.data)
  await inTransaction(db, async (trx) => {
    await upsertRule(trx, {
      kind: change.kind,
      scopeKey: key,
      agencyId: target.agencyId,
      deskId: target.deskId,
      enabled: change.enabled,
      params,
      at: now.toISOString(),
      by: staff.username,
    })
    await appendAudit(
      trx,
      { actor: staffActor(staff), action: 'alert.rule.set', target: `alert-rule:${change.kind}:${key}`, details: { enabled: change.enabled, params: parsed.data } },
      now,
    )
  })
}
