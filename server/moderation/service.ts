import type { Kysely } from 'kysely'
import { listAgencies } from '../agencies/repository.ts'
import { appendAudit } from '../audit/service.ts'
import type { Database } from '../db/schema.ts'
import type { Db } from '../db/types.ts'
import { DomainError, type ErrorCode } from '../domain/errors.ts'
import { approverConflict, type AgencyNode, type ConflictReason } from '../domain/separation.ts'
import type { ExclusionReason } from '../domain/vocabulary.ts'
import type { StaffUser } from '../middleware/session/index.ts'
import { isQuarterClosed } from '../periods/repository.ts'
import { setResponseFlags } from '../responses/moderation.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { activeExclusion, decideExclusion, findExclusion, findResponse, flaggedResponses, insertExclusion, pendingProposals, setTextHidden } from './repository.ts'
import { staffActor } from '../auth/scope.ts'

const notFound = () => new DomainError('not_found', 'not_found', { vi: 'Không tìm thấy hoặc ngoài phạm vi được xem', en: 'Not found, or outside what you may see' })

const conflictText: Record<ConflictReason, { vi: string; en: string }> = {
  home_agency_unknown: {
    vi: 'Tài khoản của Ông/Bà chưa ghi cơ quan công tác, nên không thể là người duyệt độc lập',
    en: 'Your account has no recorded agency of its own, so it cannot be the independent approver',
  },
  own_agency: {
    vi: 'Ông/Bà thuộc chính cơ quan được đánh giá: một quản trị viên của cơ quan khác phải duyệt',
    en: 'You work for the agency being measured: an admin of another agency must decide',
  },
  own_parent_agency: {
    vi: 'Ông/Bà thuộc cơ quan cấp trên cũng được đánh giá: một quản trị viên của cơ quan khác phải duyệt',
    en: 'You work for a parent agency that is itself measured: an admin of another agency must decide',
  },
}

/** Why this staff member may not decide on a rating of `agencyId`, or null when they may. */
export function decisionRefusal(
  staff: StaffUser,
  agencyId: number,
  proposedBy: number | null,
  agencies: Map<number, AgencyNode>,
): { code: ErrorCode; text: { vi: string; en: string } } | null {
  if (staff.role !== 'admin') return { code: 'admin_only', text: { vi: 'Chỉ quản trị viên được duyệt', en: 'Only an admin may decide' } }
  if (proposedBy === staff.id)
    return { code: 'own_proposal', text: { vi: 'Người đề nghị không được tự duyệt đề nghị của mình', en: 'The proposer cannot decide on their own proposal' } }
  const conflict = approverConflict(staff.homeAgencyId, agencyId, agencies)
  return conflict ? { code: conflict === 'home_agency_unknown' ? conflict : 'conflict_of_interest', text: conflictText[conflict] } : null
}

async function assertMayDecide(db: Db, staff: StaffUser, agencyId: number, proposedBy: number | null) {
  const refusal = decisionRefusal(staff, agencyId, proposedBy, new Map((await listAgencies(db)).map((a) => [a.id, a])))
  if (refusal) throw new DomainError('forbidden', refusal.code, refusal.text)
}

async function responseInScope(db: Db, staff: StaffUser, responseId: number) {
  const r = await findResponse(db, responseId)
  if (!r || (staff.scope && !staff.scope.has(r.agency_id))) throw notFound()
  return r
}

/** Hides (or shows again) a comment's text on staff screens and exports; the rating keeps counting. */
export async function hideCommentText(db: Kysely<Database>, staff: StaffUser, input: { responseId: number; hidden: boolean; reason: string }, now: Date) {
  return db.transaction().execute(async (trx) => {
    await responseInScope(trx, staff, input.responseId)
    await setTextHidden(trx, input.responseId, input.hidden)
    await appendAudit(
      trx,
      { actor: staffActor(staff), action: input.hidden ? 'comment.hide' : 'comment.show', target: `response:${input.responseId}`, details: { reason: input.reason } },
      now,
    )
    return { responseId: input.responseId, hidden: input.hidden }
  })
}

/** First person: proposes to take a rating out of the index; nothing changes until an admin approves. */
export async function proposeExclusion(db: Kysely<Database>, staff: StaffUser, input: { responseId: number; reason: ExclusionReason; note: string }, now: Date) {
  return db.transaction().execute(async (trx) => {
    const r = await responseInScope(trx, staff, input.responseId)
    if (r.is_spam === 1 || (await activeExclusion(trx, r.id)))
      throw new DomainError('conflict', 'exclusion_exists', {
        vi: 'Phiếu này đã có đề nghị loại trừ hoặc đã bị loại',
        en: 'This rating already has an exclusion proposal or was excluded',
      })
    const id = await insertExclusion(trx, { responseId: r.id, reason: input.reason, note: input.note, status: 'proposed', proposedBy: staff.id, at: now.toISOString() })
    await appendAudit(
      trx,
      { actor: staffActor(staff), action: 'exclusion.propose', target: `response:${r.id}`, details: { exclusion: id, reason: input.reason, note: input.note } },
      now,
    )
    return { id, status: 'proposed' as const }
  })
}

/** Second person: an admin who neither proposed it nor works for the measured agency approves or rejects. */
export async function decideOnExclusion(
  db: Kysely<Database>,
  catalog: SurveyCatalog,
  staff: StaffUser,
  input: { id: number; decision: 'approve' | 'reject'; note: string | null },
  now: Date,
) {
  return db.transaction().execute(async (trx) => {
    const e = await findExclusion(trx, input.id)
    if (!e) throw notFound()
    const r = await responseInScope(trx, staff, e.response_id)
    await assertMayDecide(trx, staff, r.agency_id, e.proposed_by)
    if (e.status !== 'proposed') throw alreadyDecided()
    const afterClose = await isQuarterClosed(trx, r.survey_version_id, r.quarter)
    if (!(await decideExclusion(trx, e.id, { status: input.decision === 'approve' ? 'approved' : 'rejected', by: staff.id, at: now.toISOString(), note: input.note, afterClose })))
      throw alreadyDecided()
    if (input.decision === 'approve') await setResponseFlags(trx, catalog, r.id, { spam: true })
    await appendAudit(
      trx,
      { actor: staffActor(staff), action: `exclusion.${input.decision}`, target: `response:${r.id}`, details: { exclusion: e.id, reason: e.reason, note: input.note, afterClose } },
      now,
    )
    return { id: e.id, status: input.decision === 'approve' ? ('approved' as const) : ('rejected' as const), afterClose }
  })
}

const alreadyDecided = () => new DomainError('conflict', 'already_decided', { vi: 'Đề nghị này đã được xử lý', en: 'This proposal was already decided' })

/** The proposer takes back a proposal nobody has decided on yet. */
export async function withdrawExclusion(db: Kysely<Database>, staff: StaffUser, id: number, now: Date) {
  return db.transaction().execute(async (trx) => {
    const e = await findExclusion(trx, id)
    if (!e) throw notFound()
    await responseInScope(trx, staff, e.response_id)
    if (e.proposed_by !== staff.id)
      throw new DomainError('forbidden', 'not_proposer', { vi: 'Chỉ người đề nghị được rút đề nghị', en: 'Only the proposer may withdraw a proposal' })
    if (e.status !== 'proposed') throw alreadyDecided()
    await decideExclusion(trx, e.id, { status: 'withdrawn', by: staff.id, at: now.toISOString(), note: null, afterClose: false })
    await appendAudit(trx, { actor: staffActor(staff), action: 'exclusion.withdraw', target: `response:${e.response_id}`, details: { exclusion: e.id } }, now)
    return { id: e.id, status: 'withdrawn' as const }
  })
}

/**
 * A rating an automatic signal held back: an independent admin lets it count, or excludes it (it stays out
 * of the index, now with a reason). Letting it count moves the index, so the same admin rules apply.
 */
export async function reviewFlagged(
  db: Kysely<Database>,
  catalog: SurveyCatalog,
  staff: StaffUser,
  input: { responseId: number; decision: 'count' | 'exclude'; reason?: ExclusionReason; note: string },
  now: Date,
) {
  return db.transaction().execute(async (trx) => {
    const r = await responseInScope(trx, staff, input.responseId)
    await assertMayDecide(trx, staff, r.agency_id, null)
    if (r.is_flagged !== 1 || r.is_spam === 1) throw new DomainError('conflict', 'not_flagged', { vi: 'Phiếu này không chờ xem xét', en: 'This rating is not waiting for review' })
    const afterClose = await isQuarterClosed(trx, r.survey_version_id, r.quarter)
    if (input.decision === 'count') await setResponseFlags(trx, catalog, r.id, { flagged: false })
    else {
      await insertExclusion(trx, {
        responseId: r.id,
        reason: input.reason ?? 'other',
        note: input.note,
        status: 'approved',
        proposedBy: null,
        decidedBy: staff.id,
        at: now.toISOString(),
        afterClose,
      })
      await setResponseFlags(trx, catalog, r.id, { spam: true, flagged: false })
    }
    await appendAudit(
      trx,
      {
        actor: staffActor(staff),
        action: input.decision === 'count' ? 'flag.count' : 'flag.exclude',
        target: `response:${r.id}`,
        details: { flag: r.flag_reason, reason: input.reason ?? null, note: input.note, afterClose },
      },
      now,
    )
    return { responseId: r.id, decision: input.decision, afterClose }
  })
}

/** The review queue: pending proposals and held-back ratings in the staff member's scope, each with whether they may decide. */
export async function moderationQueue(db: Db, staff: StaffUser) {
  const scope = staff.scope ? [...staff.scope] : null
  const [proposals, flagged, agencies] = await Promise.all([pendingProposals(db, scope, 200), flaggedResponses(db, scope, 200), listAgencies(db)])
  const tree = new Map(agencies.map((a) => [a.id, a]))
  const hidden = (i: { comment: string | null; textHidden: number }) => ({ comment: i.textHidden ? null : i.comment, textHidden: i.textHidden === 1 })
  return {
    // Spread, not Object.assign: the later textHidden (a boolean) replaces the row's 0/1 in the type too, so the
    // staff app's typed client sees the real shape instead of an impossible intersection.
    proposals: proposals.map((p) => ({ ...p, ...hidden(p), mine: p.proposedBy === staff.id, refusal: decisionRefusal(staff, p.agencyId, p.proposedBy, tree) })),
    flagged: flagged.map((f) => ({ ...f, ...hidden(f), refusal: decisionRefusal(staff, f.agencyId, null, tree) })),
  }
}
