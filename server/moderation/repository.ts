import { insertId } from '../db/repository.ts'
import type { Db } from '../db/types.ts'
import type { Channel, ExclusionStatus } from '../db/schema.ts'

export function findResponse(db: Db, id: number) {
  return db.selectFrom('responses').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findExclusion(db: Db, id: number) {
  return db.selectFrom('exclusions').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The response's exclusion that is pending or in force, if any (at most one at a time). */
export function activeExclusion(db: Db, responseId: number) {
  return db.selectFrom('exclusions').selectAll().where('response_id', '=', responseId).where('status', 'in', ['proposed', 'approved']).executeTakeFirst()
}

export function insertExclusion(
  db: Db,
  e: { responseId: number; reason: string; note: string; status: ExclusionStatus; proposedBy: number | null; at: string; decidedBy?: number; afterClose?: boolean },
) {
  return insertId(db, 'exclusions', {
    response_id: e.responseId,
    reason: e.reason,
    note: e.note,
    status: e.status,
    proposed_by: e.proposedBy,
    proposed_at: e.at,
    decided_by: e.decidedBy ?? null,
    decided_at: e.decidedBy ? e.at : null,
    after_close: e.afterClose ? 1 : 0,
  })
}

/** Moves a pending exclusion on; the status condition makes a second decision on it change nothing. */
export async function decideExclusion(db: Db, id: number, d: { status: ExclusionStatus; by: number; at: string; note: string | null; afterClose: boolean }) {
  const r = await db
    .updateTable('exclusions')
    .set({ status: d.status, decided_by: d.by, decided_at: d.at, decision_note: d.note, after_close: d.afterClose ? 1 : 0 })
    .where('id', '=', id)
    .where('status', '=', 'proposed')
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function setTextHidden(db: Db, responseId: number, hidden: boolean) {
  await db
    .updateTable('responses')
    .set({ text_hidden: hidden ? 1 : 0 })
    .where('id', '=', responseId)
    .execute()
}

const queueColumns = [
  'r.id as responseId',
  'r.agency_id as agencyId',
  'a.code as agency',
  'a.name as agencyName',
  'd.name as deskName',
  'r.channel',
  'r.submitted_at as submittedAt',
  'r.received_at as receivedAt',
  'r.quarter',
  'r.flag_reason as flagReason',
  'r.text_hidden as textHidden',
  'o.value_num as rating',
  'c.value_text as comment',
] as const

function queueBase(db: Db, agencyIds: number[] | null) {
  let q = db
    .selectFrom('responses as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('desks as d', 'd.id', 'r.desk_id')
    .leftJoin('answers as o', (j) => j.onRef('o.response_id', '=', 'r.id').on('o.question_id', 'in', ['overall', 'hl_chung']))
    .leftJoin('answers as c', (j) => j.onRef('c.response_id', '=', 'r.id').on('c.question_id', '=', 'comment'))
  if (agencyIds) q = q.where('r.agency_id', 'in', agencyIds.length ? agencyIds : [-1])
  return q
}

/** Pending exclusion proposals with their rating, oldest first. */
export function pendingProposals(db: Db, agencyIds: number[] | null, limit: number) {
  return queueBase(db, agencyIds)
    .innerJoin('exclusions as e', 'e.response_id', 'r.id')
    .leftJoin('users as u', 'u.id', 'e.proposed_by')
    .select([...queueColumns, 'e.id as exclusionId', 'e.reason', 'e.note', 'e.proposed_at as proposedAt', 'e.proposed_by as proposedBy', 'u.display_name as proposerName'])
    .where('e.status', '=', 'proposed')
    .orderBy('e.proposed_at')
    .orderBy('e.id')
    .limit(limit)
    .execute()
}

/** Ratings an automatic signal held back, waiting for review, oldest first. */
export function flaggedResponses(db: Db, agencyIds: number[] | null, limit: number) {
  return queueBase(db, agencyIds)
    .select(queueColumns)
    .where('r.is_flagged', '=', 1)
    .where('r.is_spam', '=', 0)
    .where('r.deleted_at', 'is', null)
    .orderBy('r.submitted_at')
    .orderBy('r.id')
    .limit(limit)
    .execute()
}

/** Approved exclusions of some survey versions and quarters, one row each (the report's "excluded"). */
export async function excludedCounts(db: Db, surveyVersionIds: number[], quarters: string[], channel?: Channel) {
  if (!surveyVersionIds.length || !quarters.length) return []
  let q = db
    .selectFrom('exclusions as e')
    .innerJoin('responses as r', 'r.id', 'e.response_id')
    .select(['r.agency_id as agencyId', 'r.quarter', 'e.reason', 'e.decided_at as decidedAt'])
    .where('e.status', '=', 'approved')
    .where('r.quarter', 'in', quarters)
    .where('r.survey_version_id', 'in', surveyVersionIds)
  if (channel) q = q.where('r.channel', '=', channel)
  return q.execute()
}
