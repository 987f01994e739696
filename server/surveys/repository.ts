import { insertId } from '../db/repository.ts'
import type { Db } from '../db/types.ts'
import type { SurveyStatus } from '../db/schema.ts'

export function findSurveyVersion(db: Db, instrument: string, version: number) {
  return db.selectFrom('survey_versions').selectAll().where('instrument', '=', instrument).where('version', '=', version).executeTakeFirst()
}

export function findSurveyVersionById(db: Db, id: number) {
  return db.selectFrom('survey_versions').selectAll().where('id', '=', id).executeTakeFirst()
}

export function listSurveyVersions(db: Db) {
  return db.selectFrom('survey_versions').selectAll().orderBy('instrument').orderBy('version').execute()
}

/** The newest published version of an instrument: what desks use unless told otherwise. */
export function latestPublished(db: Db, instrument: string) {
  return db.selectFrom('survey_versions').selectAll().where('instrument', '=', instrument).where('status', '=', 'published').orderBy('version', 'desc').executeTakeFirst()
}

export function insertSurveyVersion(
  db: Db,
  row: { instrument: string; version: number; content: string; hash: string; status: SurveyStatus; at: string; basedOnId?: number | null },
) {
  return insertId(db, 'survey_versions', {
    instrument: row.instrument,
    version: row.version,
    content: row.content,
    hash: row.hash,
    status: row.status,
    created_at: row.at,
    published_at: row.status === 'published' ? row.at : null,
    based_on_id: row.basedOnId ?? null,
  })
}

/** The highest version number of an instrument, 0 when it has none. */
export async function latestVersionNumber(db: Db, instrument: string) {
  const { max } = await db
    .selectFrom('survey_versions')
    .select((eb) => eb.fn.max('version').as('max'))
    .where('instrument', '=', instrument)
    .executeTakeFirstOrThrow()
  return Number(max ?? 0)
}

/** Changes a draft's content; the status is checked in the statement, so a concurrent publish is never overwritten. False when it is no longer a draft. */
export async function updateDraftContent(db: Db, id: number, d: { content: string; hash: string }) {
  const r = await db.updateTable('survey_versions').set(d).where('id', '=', id).where('status', '=', 'draft').executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function updateSurveyStatus(db: Db, id: number, from: SurveyStatus, to: SurveyStatus, at: string) {
  await db
    .updateTable('survey_versions')
    .set({ status: to, ...(to === 'published' ? { published_at: at } : {}) })
    .where('id', '=', id)
    .where('status', '=', from)
    .execute()
}

/** Publishing stores the checked definition (defaults filled in) in the same statement that freezes it. False when it is no longer a draft. */
export async function publishDraft(db: Db, id: number, d: { content: string; hash: string }, at: string) {
  const r = await db
    .updateTable('survey_versions')
    .set({ ...d, status: 'published', published_at: at })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}
