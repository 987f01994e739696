import type { DeskSurveyTable } from '../db/schema.ts'
import { insertId } from '../db/repository.ts'
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

export function insertDesk(db: Db, d: { agencyId: number; code: string; name: string; publicToken: string; at: string }) {
  return insertId(db, 'desks', { agency_id: d.agencyId, code: d.code, name: d.name, public_token: d.publicToken, created_at: d.at })
}

/** Whether this browser (its salted hash) already answered this desk's link on this local day. */
export async function answeredToday(db: Db, deskId: number, day: string, browserHash: string) {
  const row = await db.selectFrom('link_uses').select('response_id').where('desk_id', '=', deskId).where('day', '=', day).where('browser_hash', '=', browserHash).executeTakeFirst()
  return row !== undefined
}

export async function insertLinkUse(db: Db, u: { deskId: number; day: string; browserHash: string; responseId: number }) {
  await db.insertInto('link_uses').values({ desk_id: u.deskId, day: u.day, browser_hash: u.browserHash, response_id: u.responseId }).execute()
}

/** The one way to load a desk by id. */
export function findDesk(db: Db, id: number) {
  return db.selectFrom('desks').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Code and name only: what pages and links show of a desk. */
export function findDeskLabel(db: Db, id: number) {
  return db.selectFrom('desks').select(['code', 'name']).where('id', '=', id).executeTakeFirst()
}

export function listDesksOfAgency(db: Db, agencyId: number) {
  return db.selectFrom('desks').select(['id', 'code', 'name']).where('agency_id', '=', agencyId).orderBy('id').execute()
}

/** Every desk, by code, as the administration page lists them under their agencies. */
export function listDesksByCode(db: Db) {
  return db.selectFrom('desks').select(['id', 'agency_id', 'code', 'name', 'active', 'public_token', 'opening_hours', 'language']).orderBy('code').execute()
}

/** Desk codes by id (exports name desks by code). */
export async function deskCodes(db: Db) {
  return new Map((await db.selectFrom('desks').select(['id', 'code']).execute()).map((d) => [d.id, d.code]))
}

export async function updateDesk(db: Db, id: number, d: { name?: string; agencyId?: number; code?: string; active?: number; openingHours?: string | null }) {
  await db.updateTable('desks').set({ name: d.name, agency_id: d.agencyId, code: d.code, active: d.active, opening_hours: d.openingHours }).where('id', '=', id).execute()
}

/** A desk's survey for one channel; null removes the assignment (the default applies again). */
export async function setDeskSurvey(db: Db, deskId: number, channel: DeskSurveyTable['channel'], surveyVersionId: number | null) {
  await db.deleteFrom('desk_surveys').where('desk_id', '=', deskId).where('channel', '=', channel).execute()
  if (surveyVersionId !== null) await db.insertInto('desk_surveys').values({ desk_id: deskId, channel, survey_version_id: surveyVersionId }).execute()
}

/** The version assigned to a desk for a channel, else the desk's own default (either may be absent). */
export async function deskSurveyVersionId(db: Db, deskId: number, channel: DeskSurveyTable['channel']): Promise<number | null> {
  const assigned = await db.selectFrom('desk_surveys').select('survey_version_id').where('desk_id', '=', deskId).where('channel', '=', channel).executeTakeFirst()
  if (assigned) return assigned.survey_version_id
  const desk = await db.selectFrom('desks').select('survey_version_id').where('id', '=', deskId).executeTakeFirst()
  return desk?.survey_version_id ?? null
}

/** Every desk's per-channel survey assignment, as `instrument@version`. */
export function listDeskSurveys(db: Db) {
  return db
    .selectFrom('desk_surveys')
    .innerJoin('survey_versions', 'survey_versions.id', 'desk_surveys.survey_version_id')
    .select(['desk_surveys.desk_id', 'desk_surveys.channel', 'survey_versions.instrument', 'survey_versions.version'])
    .execute()
}
export async function insertSurveyHistory(db: Db, h: { deskId: number; channel: 'kiosk' | 'qr' | 'receipt'; surveyVersionId: number; untilAt: string }) {
  await db.insertInto('desk_survey_history').values({ desk_id: h.deskId, channel: h.channel, survey_version_id: h.surveyVersionId, until_at: h.untilAt }).execute()
}

export function surveyHistory(db: Db, deskId: number, channel: 'kiosk' | 'qr' | 'receipt') {
  return db.selectFrom('desk_survey_history').select(['survey_version_id', 'until_at']).where('desk_id', '=', deskId).where('channel', '=', channel).execute()
}
