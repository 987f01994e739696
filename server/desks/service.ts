import { inTransaction } from '../db/transaction.ts'
import { findAgencyByCode } from '../agencies/repository.ts'
import { appendAudit } from '../audit/service.ts'
import { inScope, type StaffUser } from '../auth/scope.ts'
import type { Db } from '../db/types.ts'
import { codeTaken, deskNotFound, invalid, issue, unknownAgencyIssue, unknownSurvey } from '../domain/errors.ts'
import type { Clock } from '../lib/clock.ts'
import { newToken } from '../lib/tokens.ts'
import type { SurveyCatalog, SurveyVersion } from '../surveys/catalog.ts'
import { deskSurveyVersionId, findDesk, findDeskByCode, insertDesk, insertSurveyHistory, setDeskSurvey, surveyHistory, updateDesk } from './repository.ts'
import type { SurveyBinding } from '../domain/survey-binding.ts'
import type { DeskHours } from '../kiosks/opening-hours.ts'
import type { AssignableChannel } from '../domain/vocabulary.ts'

export type { AssignableChannel }

export { deskNotFound }

/** A desk the staff member may see, else 404: other agencies' desks read as missing. */
export async function deskInScope(db: Db, staff: StaffUser, id: number) {
  const desk = await findDesk(db, id)
  if (!desk || !inScope(staff, desk.agency_id)) throw deskNotFound()
  return desk
}

export async function createDesk(db: Db, input: { agency: string; code: string; name: string }, actor: string, clock: Clock) {
  const agency = await findAgencyByCode(db, input.agency)
  if (!agency) throw invalid([unknownAgencyIssue('agency', input.agency)])
  if (await findDeskByCode(db, agency.id, input.code)) throw codeTaken(`Cơ quan đã có quầy mã ${input.code}`, `The agency already has a desk ${input.code}`)
  const at = clock.now()
  return inTransaction(db, async (trx) => {
    const id = await insertDesk(trx, { agencyId: agency.id, code: input.code, name: input.name.normalize('NFC'), publicToken: newToken('desk'), at: at.toISOString() })
    await appendAudit(trx, { actor, action: 'desk.create', target: `desk:${input.agency}/${input.code}`, details: { name: input.name } }, at)
    return id
  })
}

/** Rename, move to another agency, or (de)activate a desk; its public link stays the same. */
export async function editDesk(db: Db, id: number, input: { name?: string; agency?: string; active?: boolean; openingHours?: DeskHours | null }, actor: string, clock: Clock) {
  const desk = await findDesk(db, id)
  if (!desk) throw deskNotFound()
  let agencyId = desk.agency_id
  if (input.agency) {
    const agency = await findAgencyByCode(db, input.agency)
    if (!agency) throw invalid([unknownAgencyIssue('agency', input.agency)])
    if (agency.id !== desk.agency_id && (await findDeskByCode(db, agency.id, desk.code)))
      throw codeTaken(`Cơ quan đích đã có quầy mã ${desk.code}`, `The target agency already has a desk ${desk.code}`)
    agencyId = agency.id
  }
  const at = clock.now()
  await inTransaction(db, async (trx) => {
    await updateDesk(trx, id, {
      name: input.name?.normalize('NFC') ?? desk.name,
      agencyId,
      active: input.active === undefined ? desk.active : Number(input.active),
      openingHours: input.openingHours === undefined ? desk.opening_hours : input.openingHours && JSON.stringify(input.openingHours),
    })
    await appendAudit(trx, { actor, action: 'desk.update', target: `desk:${id}`, details: { ...input } }, at)
  })
  return { ...desk, agency_id: agencyId }
}

/** Chooses the survey version a desk uses on one channel; null goes back to the default. */
export async function assignSurvey(db: Db, catalog: SurveyCatalog, deskId: number, channel: AssignableChannel, version: SurveyVersion | null, actor: string, clock: Clock) {
  if (version && version.status !== 'published') throw invalid([issue(channel, 'not_published', 'Chỉ gán được phiên bản đã ban hành', 'Only a published version can be assigned')])
  const at = clock.now()
  await inTransaction(db, async (trx) => {
    // The version in force until now stays acceptable for what a kiosk queued before this instant.
    const before = await surveyForDesk(trx, catalog, deskId, channel)
    if (before.id !== version?.id) await insertSurveyHistory(trx, { deskId, channel, surveyVersionId: before.id, untilAt: at.toISOString() })
    await setDeskSurvey(trx, deskId, channel, version?.id ?? null)
    await appendAudit(trx, { actor, action: 'desk.survey', target: `desk:${deskId}`, details: { channel, survey: version?.key ?? null } }, at)
  })
}

/**
 * The survey a desk uses on a channel: its assignment for that channel, else the desk's default, else
 * the newest published `mot-cua`. Kiosks, desk links and receipt codes all ask here.
 */
export async function surveyForDesk(db: Db, catalog: SurveyCatalog, deskId: number | null, channel: AssignableChannel): Promise<SurveyVersion> {
  if (deskId !== null) {
    const versionId = await deskSurveyVersionId(db, deskId, channel)
    if (versionId) return (await catalog.get(versionId, db))!
  }
  const latest = await catalog.latest('mot-cua', db)
  if (!latest) throw unknownSurvey({ vi: 'Chưa có phiếu mot-cua nào được ban hành', en: 'No published mot-cua survey' })
  return latest
}

/**
 * What a desk's channel accepts (channel binding): the version it uses now; the versions it used before,
 * each until the instant it was replaced; and, when nobody assigned one (the newest `mot-cua` applies),
 * any version of that instrument, so publishing a new version does not strand a tablet's queue.
 */
export async function surveyBinding(db: Db, catalog: SurveyCatalog, deskId: number, channel: AssignableChannel): Promise<SurveyBinding> {
  const current = await surveyForDesk(db, catalog, deskId, channel)
  const explicit = await deskSurveyVersionId(db, deskId, channel)
  const earlier = (await surveyHistory(db, deskId, channel)).map((h) => ({ surveyVersionId: h.survey_version_id, until: h.until_at }))
  return { current: current.id, ...(explicit ? {} : { instrument: current.definition.instrument }), earlier }
}
