import { z } from 'zod'
import { appendAudit } from '../audit/service.ts'
import { inTransaction } from '../db/transaction.ts'
import type { Db } from '../db/types.ts'
import { DomainError } from '../domain/errors.ts'
import { maskPersonalData, type PersonalDataKind } from '../domain/personal-data.ts'
import { questionsOf } from '../domain/questions.ts'
import { rollupCells } from '../domain/rollup-cells.ts'
import { SurveyDefinition } from '../domain/survey-definition.ts'
import { checkDossierCodes, type DossierContext } from '../dossiers/service.ts'
import { dossierHash } from '../invitations/service.ts'
import { answersFromRows } from '../responses/answer-rows.ts'
import { isReportable } from '../responses/reportable.ts'
import { bumpRollups } from '../rollups/repository.ts'
import { upsertSetting } from '../settings/repository.ts'
import { serverSecret } from '../settings/secret.ts'
import { jsonSetting } from '../settings/service.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { answersOf, clearTextBefore, commentOf, eraseResponse, forgetDossier, responseRow, responsesOfDossier, surveyVersionContents } from './repository.ts'

/** A comment as staff see it: personal data masked, with the kinds that were masked so the page can say so. */
export function maskedComment<T extends { text: string | null }>(item: T): T & { personalData: PersonalDataKind[] } {
  if (item.text === null) return { ...item, personalData: [] }
  const m = maskPersonalData(item.text)
  return { ...item, text: m.text, personalData: m.kinds }
}

export const PRIVACY_KEY = 'privacy.settings'
/**
 * How long citizens' free text is kept (null: kept; the province decides, as Luật 91/2025 asks it to) and
 * whom citizens ask about their data, as the privacy notice names it.
 */
export const PrivacySettings = z
  .object({
    commentYears: z.number().int().min(1).max(50).nullable(),
    contact: z.string().trim().max(300).nullable().default(null),
  })
  .strict()
export type PrivacySettings = z.infer<typeof PrivacySettings>

/** A damaged row keeps everything rather than deleting on a guess. */
export function privacySettings(db: Db): Promise<PrivacySettings> {
  return jsonSetting(db, PRIVACY_KEY, PrivacySettings, () => ({ commentYears: null, contact: null }))
}

/** What the privacy notice on citizen pages says about this province: how long comment text is kept, whom to ask. */
export async function publicPrivacy(db: Db) {
  const { commentYears, contact } = await privacySettings(db)
  return { commentYears, contact }
}

/** Changes the settings given, keeps the others; audited with before and after. */
export function setPrivacySettings(db: Db, change: Partial<PrivacySettings>, actor: string, now: Date) {
  return inTransaction(db, async (trx) => {
    const before = await privacySettings(trx)
    const after = { ...before, ...change }
    await upsertSetting(trx, PRIVACY_KEY, JSON.stringify(after))
    await appendAudit(trx, { actor, action: 'privacy.settings.set', target: PRIVACY_KEY, details: { before, after } }, now)
    return after
  })
}

/** The instant before which free text goes: the same day N years back. */
export function retentionCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now)
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years)
  return cutoff
}

/**
 * Removes the words of every free-text answer older than the retention period; ratings, choices and
 * the fact that a comment was written stay, so the index and its rollups do not move. Audited when
 * anything was removed (or when a person ran it, so the log shows that they did).
 */
export function applyCommentRetention(db: Db, actor: string, now: Date) {
  return inTransaction(db, async (trx) => {
    const { commentYears } = await privacySettings(trx)
    if (commentYears === null) return { commentYears, cutoff: null, cleared: 0 }
    const cutoff = retentionCutoff(now, commentYears).toISOString()
    let cleared = 0
    for (const v of await surveyVersionContents(trx)) {
      const textIds = questionsOf(SurveyDefinition.parse(JSON.parse(v.content)))
        .filter((q) => q.type === 'text')
        .map((q) => q.id)
      cleared += await clearTextBefore(trx, v.id, textIds, cutoff)
    }
    if (cleared > 0 || actor !== 'system') await appendAudit(trx, { actor, action: 'privacy.retention.run', target: PRIVACY_KEY, details: { commentYears, cutoff, cleared } }, now)
    return { commentYears, cutoff, cleared }
  })
}

const noComment = () => new DomainError('not_found', 'not_found', { vi: 'Không có góp ý này', en: 'No such comment' })

/** The comment as the citizen typed it, for an admin who asked for it; the asking is audited first. */
export function revealComment(db: Db, responseId: number, reason: string | undefined, actor: string, now: Date) {
  return inTransaction(db, async (trx) => {
    const found = await commentOf(trx, responseId)
    if (!found || found.text === null) throw noComment()
    await appendAudit(trx, { actor, action: 'comment.reveal', target: `response:${responseId}`, details: reason ? { reason } : null }, now)
    return { responseId, text: found.text }
  })
}

/** The audit names a dossier only by a short part of its salted hash: the log must not hold the code itself. */
const dossierTarget = (hash: string) => `dossier:${hash.slice(0, 16)}`

/**
 * The salted hashes a dossier code may have been stored under: its canonical form (national codes
 * upper-cased, see domain/dossier-code.ts) and, for codes minted before that form or in a format no longer
 * configured, the code as typed. The first is the one the audit names.
 */
async function dossierHashes(db: Db, ctx: DossierContext, dossier: string) {
  const { codes } = await checkDossierCodes(db, ctx, [{ dossier, field: 'dossier' }])
  const typed = dossier.trim().normalize('NFC')
  const secret = await serverSecret(db)
  return [...new Set([codes[0], typed, typed.toUpperCase()].filter((c): c is string => c !== undefined))].map((c) => dossierHash(secret, c))
}

/** A data subject's request: which responses came through the receipt codes of this dossier. Audited. */
export async function findDossierResponses(db: Db, ctx: DossierContext, dossier: string, actor: string, now: Date) {
  const hashes = await dossierHashes(db, ctx, dossier)
  return inTransaction(db, async (trx) => {
    const responses = await responsesOfDossier(trx, hashes)
    await appendAudit(trx, { actor, action: 'privacy.dossier.lookup', target: dossierTarget(hashes[0]!), details: { responses: responses.length } }, now)
    return responses.map((r) => ({ ...r, survey: `${r.instrument}@${r.version}` }))
  })
}

/**
 * Erases the responses of a dossier on the citizen's request: their answers are deleted, each response
 * stops counting (its rollup cells move back, so the index of its quarter follows at once) and the
 * receipt codes forget the dossier. One transaction with its audit entry.
 */
export async function eraseDossierResponses(db: Db, catalog: SurveyCatalog, ctx: DossierContext, dossier: string, reason: string, actor: string, now: Date) {
  const hashes = await dossierHashes(db, ctx, dossier)
  return inTransaction(db, async (trx) => {
    const found = await responsesOfDossier(trx, hashes)
    const quarters = new Set<string>()
    for (const { id } of found) {
      const r = await responseRow(trx, id)
      if (isReportable(r)) {
        const def = (await catalog.get(r.survey_version_id, trx))!.definition
        const bucket = { surveyVersionId: r.survey_version_id, agencyId: r.agency_id, deskId: r.desk_id, channel: r.channel, procedureCode: r.procedure_code, quarter: r.quarter }
        await bumpRollups(trx, bucket, rollupCells(def, answersFromRows(def, await answersOf(trx, id))), -1, r.submitted_at)
        quarters.add(r.quarter)
      }
      await eraseResponse(trx, id, now.toISOString())
    }
    await forgetDossier(trx, hashes)
    await appendAudit(
      trx,
      { actor, action: 'privacy.dossier.erase', target: dossierTarget(hashes[0]!), details: { reason, responses: found.map((r) => r.id), quarters: [...quarters].sort() } },
      now,
    )
    return { erased: found.length, quarters: [...quarters].sort() }
  })
}
