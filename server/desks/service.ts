import type { Kysely } from 'kysely'
import { findAgencyByCode } from '../agencies/repository.ts'
import { appendAudit } from '../audit/service.ts'
import type { Database } from '../db/schema.ts'
import type { Db } from '../db/types.ts'
import { DomainError, invalid, issue } from '../domain/errors.ts'
import type { Clock } from '../lib/clock.ts'
import { newToken } from '../lib/tokens.ts'
import type { SurveyCatalog, SurveyVersion } from '../surveys/catalog.ts'
import { findDeskByCode, insertDesk } from './repository.ts'

export type AssignableChannel = 'kiosk' | 'qr' | 'receipt'

const deskNotFound = () => new DomainError('not_found', 'unknown_desk', { vi: 'Không có quầy này', en: 'No such desk' })

export async function createDesk(db: Kysely<Database>, input: { agency: string; code: string; name: string }, actor: string, clock: Clock) {
  const agency = await findAgencyByCode(db, input.agency)
  if (!agency) throw invalid([issue('agency', 'unknown_agency', `Không có cơ quan mã ${input.agency}`, `No agency with code ${input.agency}`)])
  if (await findDeskByCode(db, agency.id, input.code))
    throw new DomainError('conflict', 'code_taken', { vi: `Cơ quan đã có quầy mã ${input.code}`, en: `The agency already has a desk ${input.code}` })
  const at = clock.now()
  return db.transaction().execute(async (trx) => {
    const id = await insertDesk(trx, { agencyId: agency.id, code: input.code, name: input.name.normalize('NFC'), publicToken: newToken('desk'), at: at.toISOString() })
    await appendAudit(trx, { actor, action: 'desk.create', target: `desk:${input.agency}/${input.code}`, details: { name: input.name } }, at)
    return id
  })
}

/** Rename, move to another agency, or (de)activate a desk; its public link stays the same. */
export async function editDesk(db: Kysely<Database>, id: number, input: { name?: string; agency?: string; active?: boolean }, actor: string, clock: Clock) {
  const desk = await db.selectFrom('desks').selectAll().where('id', '=', id).executeTakeFirst()
  if (!desk) throw deskNotFound()
  let agencyId = desk.agency_id
  if (input.agency) {
    const agency = await findAgencyByCode(db, input.agency)
    if (!agency) throw invalid([issue('agency', 'unknown_agency', `Không có cơ quan mã ${input.agency}`, `No agency with code ${input.agency}`)])
    if (agency.id !== desk.agency_id && (await findDeskByCode(db, agency.id, desk.code)))
      throw new DomainError('conflict', 'code_taken', { vi: `Cơ quan đích đã có quầy mã ${desk.code}`, en: `The target agency already has a desk ${desk.code}` })
    agencyId = agency.id
  }
  const at = clock.now()
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('desks')
      .set({ name: input.name?.normalize('NFC') ?? desk.name, agency_id: agencyId, active: input.active === undefined ? desk.active : Number(input.active) })
      .where('id', '=', id)
      .execute()
    await appendAudit(trx, { actor, action: 'desk.update', target: `desk:${id}`, details: { ...input } }, at)
  })
  return { ...desk, agency_id: agencyId }
}

/** Chooses the survey version a desk uses on one channel; null goes back to the default. */
export async function assignSurvey(db: Kysely<Database>, deskId: number, channel: AssignableChannel, version: SurveyVersion | null, actor: string, clock: Clock) {
  if (version && version.status !== 'published')
    throw invalid([issue(channel, 'not_published', 'Chỉ gán được phiên bản đã ban hành', 'Only a published version can be assigned')])
  const at = clock.now()
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('desk_surveys').where('desk_id', '=', deskId).where('channel', '=', channel).execute()
    if (version) await trx.insertInto('desk_surveys').values({ desk_id: deskId, channel, survey_version_id: version.id }).execute()
    await appendAudit(trx, { actor, action: 'desk.survey', target: `desk:${deskId}`, details: { channel, survey: version?.key ?? null } }, at)
  })
}

/**
 * The survey a desk uses on a channel: its assignment for that channel, else the desk's default, else
 * the newest published `mot-cua`. Kiosks, desk links and receipt codes all ask here.
 */
export async function surveyForDesk(db: Db, catalog: SurveyCatalog, deskId: number | null, channel: AssignableChannel): Promise<SurveyVersion> {
  if (deskId !== null) {
    const assigned = await db.selectFrom('desk_surveys').select('survey_version_id').where('desk_id', '=', deskId).where('channel', '=', channel).executeTakeFirst()
    if (assigned) return (await catalog.get(assigned.survey_version_id, db))!
    const desk = await db.selectFrom('desks').select('survey_version_id').where('id', '=', deskId).executeTakeFirst()
    if (desk?.survey_version_id) return (await catalog.get(desk.survey_version_id, db))!
  }
  const latest = await catalog.latest('mot-cua')
  if (!latest) throw new DomainError('not_found', 'unknown_survey', { vi: 'Chưa có phiếu mot-cua nào được ban hành', en: 'No published mot-cua survey' })
  return latest
}
