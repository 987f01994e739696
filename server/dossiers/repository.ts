import { sql, type Insertable, type Updateable } from 'kysely'
import type { Channel, DossierTable } from '../db/schema.ts'
import { insertIdUnlessPresent } from '../db/repository.ts'
import type { Db } from '../db/types.ts'
import { reportable } from '../responses/repository.ts'

export function findDossiersByHash(db: Db, hashes: string[]) {
  return db
    .selectFrom('dossiers')
    .selectAll()
    .where('dossier_hash', 'in', hashes.length ? hashes : ['-'])
    .execute()
}

export async function insertDossier(db: Db, row: Insertable<DossierTable>) {
  // onConflict: two nodes racing on the same new dossier store it once; the loser re-reads and merges.
  return (await insertIdUnlessPresent(db, 'dossiers', row, 'dossier_hash')) ?? null
}

export function updateDossier(db: Db, id: number, change: Updateable<DossierTable>) {
  return db.updateTable('dossiers').set(change).where('id', '=', id).execute()
}

export function findOfficer(db: Db, agencyId: number, code: string) {
  return db.selectFrom('officers').selectAll().where('agency_id', '=', agencyId).where('code', '=', code).executeTakeFirst()
}

/** The officer with this code at this agency, created on first mention. */
export async function ensureOfficer(db: Db, agencyId: number, code: string, at: string) {
  const found = await findOfficer(db, agencyId, code)
  if (found) return found.id
  await db
    .insertInto('officers')
    .values({ agency_id: agencyId, code, display_name: null, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['agency_id', 'code']).doNothing())
    .execute()
  return (await findOfficer(db, agencyId, code))!.id
}

export function findOfficerById(db: Db, id: number) {
  return db.selectFrom('officers').selectAll().where('id', '=', id).executeTakeFirst()
}

export function setOfficerName(db: Db, id: number, name: string | null, at: string) {
  return db.updateTable('officers').set({ display_name: name, updated_at: at }).where('id', '=', id).execute()
}

export function listOfficers(db: Db, agencyIds: number[]) {
  return db
    .selectFrom('officers')
    .selectAll()
    .where('agency_id', 'in', agencyIds.length ? agencyIds : [-1])
    .orderBy('agency_id')
    .orderBy('code')
    .execute()
}

/** Receipt codes minted for a dossier before its events named the officer take the officer from them. */
export function setInvitationOfficer(db: Db, dossierHash: string, officerId: number) {
  return db.updateTable('invitations').set({ officer_id: officerId }).where('dossier_hash', '=', dossierHash).where('officer_id', 'is', null).execute()
}

export type RateSplit = 'agency' | 'desk' | 'officer'

/** Dossiers returned in the quarters, per agency and desk or officer (0 for none). */
export async function returnedDossiers(db: Db, quarters: string[], split: RateSplit, agencyIds?: number[]) {
  if (!quarters.length) return []
  const column = ({ agency: 'agency_id', desk: 'desk_id', officer: 'officer_id' } as const)[split]
  let q = db
    .selectFrom('dossiers')
    .select(['agency_id', `${column} as key`, (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('returned_quarter', 'in', quarters)
  if (agencyIds) q = q.where('agency_id', 'in', agencyIds.length ? agencyIds : [-1])
  const rows = await q.groupBy(['agency_id', column]).execute()
  return rows.map((r) => ({ agencyId: r.agency_id, key: (r.key as number | null) ?? 0, count: Number(r.count) }))
}

/** Counted responses per agency, desk (0: none) and channel, from the rollups. */
export async function evaluationsByDesk(db: Db, surveyVersionIds: number[], quarters: string[], channel?: Channel, agencyIds?: number[]) {
  if (!quarters.length || !surveyVersionIds.length) return []
  let q = db
    .selectFrom('rollups')
    .select(['agency_id', 'desk_id', 'channel', (eb) => eb.fn.sum<number | string>('count').as('count')])
    // A literal, not a parameter: only then may the planner use the partial index rollups_responses.
    .where('question_id', '=', sql.lit('*'))
    .where('value', '=', '*')
    .where('quarter', 'in', quarters)
    .where('survey_version_id', 'in', surveyVersionIds)
  if (channel) q = q.where('channel', '=', channel)
  if (agencyIds) q = q.where('agency_id', 'in', agencyIds.length ? agencyIds : [-1])
  const rows = await q.groupBy(['agency_id', 'desk_id', 'channel']).execute()
  return rows.map((r) => ({ agencyId: r.agency_id, key: r.desk_id, channel: r.channel, count: Number(r.count) }))
}

/** Counted responses that came through receipt codes naming an officer, per officer and channel. */
export async function evaluationsByOfficer(db: Db, surveyVersionIds: number[], quarters: string[], agencyIds: number[]) {
  if (!quarters.length || !surveyVersionIds.length) return []
  const rows = await reportableByOfficer(db, surveyVersionIds, quarters, agencyIds)
    .select(['i.officer_id as key', 'r.agency_id', 'r.channel', (eb) => eb.fn.countAll<number | string>().as('count')])
    .groupBy(['i.officer_id', 'r.agency_id', 'r.channel'])
    .execute()
  return rows.map((r) => ({ agencyId: r.agency_id, key: r.key as number, channel: r.channel, count: Number(r.count) }))
}

/** Answer counts per officer, question and value (the per-officer index inputs), reportable responses only. */
export async function answerCountsByOfficer(db: Db, surveyVersionIds: number[], quarters: string[], agencyIds: number[]) {
  if (!quarters.length || !surveyVersionIds.length) return { responses: [], answers: [] }
  const responses = await reportableByOfficer(db, surveyVersionIds, quarters, agencyIds)
    .select(['i.officer_id as officer', (eb) => eb.fn.countAll<number | string>().as('count')])
    .groupBy('i.officer_id')
    .execute()
  const answers = await reportableByOfficer(db, surveyVersionIds, quarters, agencyIds)
    .innerJoin('answers as a', 'a.response_id', 'r.id')
    .where('a.value_num', 'is not', null)
    .select(['i.officer_id as officer', 'a.question_id', 'a.value_num', (eb) => eb.fn.countAll<number | string>().as('count')])
    .groupBy(['i.officer_id', 'a.question_id', 'a.value_num'])
    .execute()
  return {
    responses: responses.map((r) => ({ officer: r.officer as number, count: Number(r.count) })),
    answers: answers.map((a) => ({ officer: a.officer as number, question: a.question_id, value: Number(a.value_num), count: Number(a.count) })),
  }
}

function reportableByOfficer(db: Db, surveyVersionIds: number[], quarters: string[], agencyIds: number[]) {
  return db
    .selectFrom('responses as r')
    .innerJoin('invitations as i', 'i.id', 'r.invitation_id')
    .where('i.officer_id', 'is not', null)
    .where('r.agency_id', 'in', agencyIds.length ? agencyIds : [-1])
    .where('r.quarter', 'in', quarters)
    .where('r.survey_version_id', 'in', surveyVersionIds)
    .where(reportable('r'))
}

/** Codes minted without an officer take the one the dossier's events named. */
export async function invitationOfficersFromDossiers(db: Db, dossierHashes: string[]) {
  if (!dossierHashes.length) return
  for (const d of await db.selectFrom('dossiers').select(['dossier_hash', 'officer_id']).where('dossier_hash', 'in', dossierHashes).where('officer_id', 'is not', null).execute())
    await setInvitationOfficer(db, d.dossier_hash, d.officer_id!)
}
