import { randomUUID } from 'node:crypto'
import type { Db } from '../db/types.ts'

/** Survey versions with their stored definitions (JSON text), for finding their free-text questions. */
export function surveyVersionContents(db: Db) {
  return db.selectFrom('survey_versions').select(['id', 'content']).where('status', '!=', 'draft').execute()
}

/**
 * Clears the free text of answers to the given questions of one survey version submitted before the
 * cutoff. The answer row stays (as "answered", the way the rollups counted it), only its words go.
 */
export async function clearTextBefore(db: Db, surveyVersionId: number, questionIds: string[], cutoff: string) {
  if (!questionIds.length) return 0
  const result = await db
    .updateTable('answers')
    .set({ value_text: null, value_folded: null })
    .where('question_id', 'in', questionIds)
    .where('value_num', 'is', null)
    .where('value_text', 'is not', null)
    .where('response_id', 'in', (eb) => eb.selectFrom('responses').select('id').where('survey_version_id', '=', surveyVersionId).where('submitted_at', '<', cutoff))
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export function commentOf(db: Db, responseId: number) {
  return db
    .selectFrom('answers as c')
    .innerJoin('responses as r', 'r.id', 'c.response_id')
    .select(['r.agency_id as agencyId', 'c.value_text as text'])
    .where('c.response_id', '=', responseId)
    .where('c.question_id', '=', 'comment')
    .where('r.deleted_at', 'is', null)
    .executeTakeFirst()
}

/** The responses given through receipt codes minted for a dossier (by the salted hashes its code may have). */
export function responsesOfDossier(db: Db, dossierHashes: string[]) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('responses as r', 'r.invitation_id', 'i.id')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .innerJoin('survey_versions as v', 'v.id', 'r.survey_version_id')
    .leftJoin('desks as d', 'd.id', 'r.desk_id')
    .select(['r.id', 'r.submitted_at as submittedAt', 'r.quarter', 'r.channel', 'a.code as agency', 'a.name as agencyName', 'd.name as deskName', 'v.instrument', 'v.version'])
    .where('i.dossier_hash', 'in', dossierHashes)
    .where('r.deleted_at', 'is', null)
    .orderBy('r.id')
    .execute()
}

export function responseRow(db: Db, id: number) {
  return db.selectFrom('responses').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

export function answersOf(db: Db, responseId: number) {
  return db.selectFrom('answers').select(['question_id', 'value_num', 'value_text']).where('response_id', '=', responseId).execute()
}

/** The response stays as an empty tombstone (so a replayed submission id is not stored again); its answers go. */
export async function eraseResponse(db: Db, responseId: number, at: string) {
  await db.deleteFrom('answers').where('response_id', '=', responseId).execute()
  await db.deleteFrom('link_uses').where('response_id', '=', responseId).execute()
  await db.updateTable('responses').set({ deleted_at: at }).where('id', '=', responseId).execute()
}

/**
 * Forget which dossier the receipt codes were for: the salted hash is the last link to the person. The
 * dossier itself stays counted in the response rate (it was received and returned) under a random key.
 */
export async function forgetDossier(db: Db, dossierHashes: string[]) {
  await db.updateTable('invitations').set({ dossier_hash: null }).where('dossier_hash', 'in', dossierHashes).execute()
  for (const hash of dossierHashes)
    await db
      .updateTable('dossiers')
      .set({ dossier_hash: `forgotten:${randomUUID()}` })
      .where('dossier_hash', '=', hash)
      .execute()
}
