import type { Db } from '../db/types.ts'
import type { Channel } from '../db/schema.ts'
import { checkAnswers, type Answers } from '../domain/answers.ts'
import { DomainError, invalid, issue } from '../domain/errors.ts'
import { quarterOf } from '../domain/periods.ts'
import { rollupCells } from '../domain/rollup-cells.ts'
import type { SurveyDefinition } from '../domain/survey-definition.ts'
import { contentHash } from '../lib/canonical-json.ts'
import { bumpRollups } from '../rollups/repository.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { answerRows } from './answer-rows.ts'
import { findBySubmissionIds, insertResponse } from './repository.ts'

/** Who is submitting, established from a credential (kiosk device, desk link, receipt code, paper import). */
export interface Submitter {
  kind: 'desk-link' | 'kiosk' | 'invitation' | 'import'
  agencyId: number
  deskId: number | null
  channel: Channel
  /** Kiosks freeze the time of the tap so answers queued offline keep it; others are timed on arrival. */
  trustsClientTime: boolean
  /** A receipt code allows one instrument only. */
  instrument?: string
}

export interface PreparedResponse {
  submissionId: string
  surveyVersionId: number
  definition: SurveyDefinition
  answers: Answers
  agencyId: number
  deskId: number | null
  channel: Channel
  procedureCode: string | null
  submittedAt: Date
  hash: string
}

export interface Draft {
  submissionId: string
  survey: string
  answers: unknown
  givenAt?: Date
  procedure?: string
}

/** How far ahead of the server's clock a device's clock may be before its time is refused. */
const CLOCK_SKEW_MS = 5 * 60_000

/** Validates one draft against its survey version; throws a DomainError naming every bad field. */
export async function prepareResponse(catalog: SurveyCatalog, now: Date, submitter: Submitter, draft: Draft): Promise<PreparedResponse> {
  const version = await catalog.byKey(draft.survey)
  if (!version || version.status === 'draft')
    throw invalid([issue('survey', 'unknown_survey', `Không có phiếu khảo sát ${draft.survey}`, `No survey ${draft.survey}`)])
  if (submitter.instrument && version.definition.instrument !== submitter.instrument)
    throw invalid([issue('survey', 'survey_not_allowed', 'Mã này dành cho phiếu khảo sát khác', 'This code is for another survey')])
  const checked = checkAnswers(version.definition, draft.answers)
  if (!checked.ok) throw invalid(checked.issues)
  let submittedAt = now
  if (submitter.trustsClientTime && draft.givenAt) {
    if (draft.givenAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
      throw invalid([issue('givenAt', 'given_at_in_future', 'Thời điểm đánh giá ở tương lai', 'The time given is in the future')])
    submittedAt = draft.givenAt
  }
  const procedureCode = draft.procedure?.normalize('NFC') ?? null
  // Time is left out: a retry of the same submission with the same answers is the same response.
  const hash = contentHash({
    survey: version.key,
    answers: checked.answers,
    agency: submitter.agencyId,
    desk: submitter.deskId,
    channel: submitter.channel,
    procedure: procedureCode,
  })
  return {
    submissionId: draft.submissionId.toLowerCase(),
    surveyVersionId: version.id,
    definition: version.definition,
    answers: checked.answers,
    agencyId: submitter.agencyId,
    deskId: submitter.deskId,
    channel: submitter.channel,
    procedureCode,
    submittedAt,
    hash,
  }
}

export type StoreOutcome = { submissionId: string; status: 'created'; id: number } | { submissionId: string; status: 'duplicate' | 'conflict' }

/**
 * Stores prepared responses in the caller's transaction: new ids are inserted with their answers and
 * rollup increments; an id already stored is a duplicate when its content hash matches, else a conflict.
 */
export async function storeResponses(trx: Db, prepared: PreparedResponse[], opts: { now: Date; timeZone: string; isTest?: boolean }): Promise<StoreOutcome[]> {
  const existing = new Map((await findBySubmissionIds(trx, [...new Set(prepared.map((p) => p.submissionId))])).map((r) => [r.submission_id, r.payload_hash]))
  const outcomes: StoreOutcome[] = []
  for (const p of prepared) {
    const known = existing.get(p.submissionId)
    if (known !== undefined) {
      outcomes.push({ submissionId: p.submissionId, status: known === p.hash ? 'duplicate' : 'conflict' })
      continue
    }
    const quarter = quarterOf(p.submittedAt, opts.timeZone)
    const id = await insertResponse(
      trx,
      {
        submission_id: p.submissionId,
        survey_version_id: p.surveyVersionId,
        agency_id: p.agencyId,
        desk_id: p.deskId,
        channel: p.channel,
        procedure_code: p.procedureCode,
        submitted_at: p.submittedAt.toISOString(),
        received_at: opts.now.toISOString(),
        quarter,
        payload_hash: p.hash,
        is_test: opts.isTest ? 1 : 0,
      },
      answerRows(p.answers),
    )
    if (!opts.isTest)
      await bumpRollups(
        trx,
        { surveyVersionId: p.surveyVersionId, agencyId: p.agencyId, deskId: p.deskId, channel: p.channel, procedureCode: p.procedureCode, quarter },
        rollupCells(p.definition, p.answers),
        1,
      )
    existing.set(p.submissionId, p.hash)
    outcomes.push({ submissionId: p.submissionId, status: 'created', id })
  }
  return outcomes
}

export function conflictError(submissionId: string): DomainError {
  return new DomainError('conflict', 'submission_conflict', {
    vi: `Mã phiếu ${submissionId} đã được dùng cho một câu trả lời khác`,
    en: `Submission id ${submissionId} was already used for different answers`,
  })
}
