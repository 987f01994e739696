import type { Db } from '../db/types.ts'
import type { Channel } from '../db/schema.ts'
import { checkAnswers, type Answers } from '../domain/answers.ts'
import { DomainError, invalid, issue } from '../domain/errors.ts'
import { localDateOf, quarterOf } from '../domain/periods.ts'
import { rollupCells } from '../domain/rollup-cells.ts'
import type { SurveyDefinition } from '../domain/survey-definition.ts'
import { contentHash } from '../lib/canonical-json.ts'
import { applyRollupChanges, type RollupChange } from '../rollups/repository.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { answerRows } from './answer-rows.ts'
import { markInvitationUsed } from '../invitations/repository.ts'
import { answeredToday, insertLinkUse } from '../desks/repository.ts'
import { countKioskWindows, findBySubmissionIds, insertAnswers, insertResponses, recentDeskRatings, type KioskWindow } from './repository.ts'
import { closedKeys } from '../periods/repository.ts'
import { integritySettings } from '../integrity/settings.ts'
import { completesTopRun, isTopRating } from '../domain/signals.ts'
import { bindingAccepts, type SurveyBinding } from '../domain/survey-binding.ts'
import { isOpen, type OpeningHours } from '../kiosks/opening-hours.ts'

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
  kioskId?: number
  /** A receipt code: its response is the only one it allows. */
  invitationId?: number
  /** Open desk links: a salted hash of the browser's id, for "one response per browser per desk per day". */
  browserHash?: string
  /** Responses given before this instant are still accepted (a revoked kiosk's offline queue). */
  acceptsGivenBefore?: Date
  /** A kiosk's pairing: nothing it sends can have been given before it existed. */
  acceptsGivenAfter?: Date
  /** A kiosk's rating given longer ago than this is kept but held for review (an implausibly old queue). */
  maxAgeMs?: number
  /** The survey versions this credential may answer (channel binding). */
  binding?: SurveyBinding
  /** A kiosk's desk hours: a tablet rating while the desk is closed is held for review. */
  openingHours?: OpeningHours
  /** Why the credential's use looks abusive (e.g. over a desk link's per-address limit): stored, but flagged. */
  suspect?: string
  /**
   * Counts one use of the credential against its limits and says whether it is now suspect (a desk link
   * past its per-address limit). Called only for a valid response about to be stored, so a refused
   * request writes nothing.
   */
  countUse?: () => Promise<string | null>
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
  kioskId: number | null
  invitationId: number | null
  browserHash: string | null
  /** Why the response is held back as suspect (it is stored, but counts only once reviewed). */
  flagReason: string | null
}

export interface Draft {
  submissionId: string
  survey: string
  answers: unknown
  givenAt?: Date
  procedure?: string
  /** The hidden honeypot field: people never fill it in, robots do. */
  honeypot?: string
}

/** How far ahead of the server's clock a device's clock may be before its time is refused. */
const CLOCK_SKEW_MS = 5 * 60_000

/** Validates one draft against its survey version; throws a DomainError naming every bad field. */
export async function prepareResponse(catalog: SurveyCatalog, now: Date, submitter: Submitter, draft: Draft): Promise<PreparedResponse> {
  const version = await catalog.byKey(draft.survey)
  if (!version || version.status === 'draft') throw invalid([issue('survey', 'unknown_survey', `Không có phiếu khảo sát ${draft.survey}`, `No survey ${draft.survey}`)])
  let submittedAt = now
  if (submitter.trustsClientTime && draft.givenAt) {
    if (draft.givenAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
      throw invalid([issue('givenAt', 'given_at_in_future', 'Thời điểm đánh giá ở tương lai', 'The time given is in the future')])
    if (submitter.acceptsGivenAfter && draft.givenAt.getTime() < submitter.acceptsGivenAfter.getTime() - CLOCK_SKEW_MS)
      throw invalid([
        issue('givenAt', 'given_at_before_pairing', 'Thời điểm đánh giá sớm hơn lúc máy được ghép nối với quầy', 'The time given is before this tablet was paired with its desk'),
      ])
    submittedAt = draft.givenAt
  }
  if (
    (submitter.instrument && version.definition.instrument !== submitter.instrument) ||
    (submitter.binding && !bindingAccepts(submitter.binding, { id: version.id, instrument: version.definition.instrument }, submittedAt))
  )
    throw surveyNotAllowed(draft.survey)
  const checked = checkAnswers(version.definition, draft.answers)
  if (!checked.ok) throw invalid(checked.issues)
  if (submitter.acceptsGivenBefore && submittedAt.getTime() >= submitter.acceptsGivenBefore.getTime())
    throw new DomainError('forbidden', 'device_revoked', {
      vi: 'Thiết bị này đã bị thu hồi, không nhận đánh giá mới',
      en: 'This device was revoked and takes no new ratings',
    })
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
    kioskId: submitter.kioskId ?? null,
    invitationId: submitter.invitationId ?? null,
    browserHash: submitter.browserHash ?? null,
    flagReason: draft.honeypot
      ? 'honeypot'
      : (submitter.suspect ??
        (submitter.maxAgeMs !== undefined && submittedAt.getTime() < now.getTime() - submitter.maxAgeMs
          ? 'stale'
          : submitter.openingHours && !isOpen(submittedAt, submitter.openingHours)
            ? 'after_hours'
            : null)),
  }
}

/** A credential answered a survey it is not bound to (another desk's, another channel's, another receipt's). */
export function surveyNotAllowed(survey: string): DomainError {
  return new DomainError(
    'invalid',
    'survey_not_allowed',
    { vi: `Đường dẫn, mã hay máy này không dùng phiếu khảo sát ${survey}`, en: `This link, code or tablet does not take survey ${survey}` },
    [
      issue(
        'survey',
        'survey_not_allowed',
        `Chỉ nhận phiếu khảo sát được gán cho quầy hoặc mã này, không nhận ${survey}`,
        `Only the survey assigned to this desk or code is taken, not ${survey}`,
      ),
    ],
  )
}

export type StoreOutcome = { submissionId: string; status: 'created'; id: number } | { submissionId: string; status: 'duplicate' | 'conflict' }

/**
 * Stores prepared responses in the caller's transaction: new ids are inserted with their answers and
 * rollup increments; an id already stored is a duplicate when its content hash matches, else a conflict.
 * A group is written with a handful of multi-row statements, whatever its size (group commit sends many).
 */
export async function storeResponses(trx: Db, prepared: PreparedResponse[], opts: { now: Date; timeZone: string; isTest?: boolean }): Promise<StoreOutcome[]> {
  const existing = new Map((await findBySubmissionIds(trx, [...new Set(prepared.map((p) => p.submissionId))])).map((r) => [r.submission_id, r.payload_hash]))
  const outcomes: StoreOutcome[] = []
  const fresh: Array<{ p: PreparedResponse; index: number; quarter: string; flagReason: string | null; top: boolean; late: boolean }> = []
  for (const [index, p] of prepared.entries()) {
    const known = existing.get(p.submissionId)
    if (known !== undefined) {
      outcomes[index] = { submissionId: p.submissionId, status: known === p.hash ? 'duplicate' : 'conflict' }
      continue
    }
    existing.set(p.submissionId, p.hash)
    if (p.invitationId !== null) await useInvitation(trx, p.invitationId, opts.now)
    fresh.push({ p, index, quarter: quarterOf(p.submittedAt, opts.timeZone), flagReason: p.flagReason, top: isTopRating(p.definition, p.answers), late: false })
  }
  // A quarter already closed keeps its frozen figures: what arrives for it now is stored and marked late.
  const closed = await closedKeys(trx, [...new Set(fresh.map((f) => f.quarter))])
  for (const f of fresh) f.late = closed.has(`${f.p.definition.instrument}|${f.quarter}`)
  await flagBursts(trx, fresh, opts.now)
  await flagTopRuns(trx, fresh, opts.now)
  const ids = await insertResponses(
    trx,
    fresh.map(({ p, quarter, flagReason, top, late }) => ({
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
      is_flagged: flagReason ? 1 : 0,
      flag_reason: flagReason,
      kiosk_id: p.kioskId,
      invitation_id: p.invitationId,
      is_top: top ? 1 : 0,
      is_late: late ? 1 : 0,
    })),
  )
  await insertAnswers(
    trx,
    fresh.flatMap(({ p }) => answerRows(p.answers).map((a) => ({ ...a, response_id: ids.get(p.submissionId)! }))),
  )
  const counted: RollupChange[] = []
  for (const { p, index, quarter, flagReason } of fresh) {
    const id = ids.get(p.submissionId)!
    if (p.browserHash !== null && p.deskId !== null) await useDeskLinkToday(trx, p.deskId, p.browserHash, localDateOf(p.submittedAt, opts.timeZone), id)
    if (!opts.isTest && !flagReason)
      counted.push({
        bucket: { surveyVersionId: p.surveyVersionId, agencyId: p.agencyId, deskId: p.deskId, channel: p.channel, procedureCode: p.procedureCode, quarter },
        cells: rollupCells(p.definition, p.answers),
        delta: 1,
        ratedAt: p.submittedAt.toISOString(),
      })
    outcomes[index] = { submissionId: p.submissionId, status: 'created', id }
  }
  await applyRollupChanges(trx, counted)
  return outcomes
}

/** Bursts from one device (20 in a minute) are held back as suspect instead of being counted. */
export const BURST_LIMIT = 20
const BURST_WINDOW_MS = 60_000
/** Ratings claiming a tap this recent are judged on their arrival too. */
const LIVE_TAP_MS = 3600_000

/**
 * Marks the kiosk responses that complete 20 within a minute of their device, judged twice: on the time of
 * the tap (`burst`) and on the time of arrival (`arrival_burst`): 20 arriving within a minute that all claim
 * a tap in the last hour are taps spaced out on paper but made now (a tablet online sends each rating
 * within seconds). An offline queue's older ratings are not counted on arrival, so a tablet back from an
 * outage drains without review. Counts what is stored (through the kiosk/time indexes) and the group's.
 */
async function flagBursts(trx: Db, fresh: Array<{ p: PreparedResponse; flagReason: string | null }>, now: Date) {
  const kiosked = fresh.filter((f) => f.p.kioskId !== null)
  if (!kiosked.length) return
  // Every count the decisions below can ask for, read in one statement: each kiosk's arrivals in the last
  // minute, and each unflagged rating's minute before its tap.
  const kiosks = [...new Set(kiosked.map((f) => f.p.kioskId!))]
  const tapping = kiosked.filter((f) => !f.flagReason)
  const counts = await countKioskWindows(
    trx,
    [
      ...kiosks.map(
        (kioskId): KioskWindow => ({
          kioskId,
          column: 'received_at',
          from: new Date(now.getTime() - BURST_WINDOW_MS),
          to: now,
          tappedAfter: new Date(now.getTime() - LIVE_TAP_MS),
        }),
      ),
      ...tapping.map((f): KioskWindow => ({ kioskId: f.p.kioskId!, column: 'submitted_at', from: new Date(f.p.submittedAt.getTime() - BURST_WINDOW_MS), to: f.p.submittedAt })),
    ],
    BURST_LIMIT,
  )
  const arrived = new Map(kiosks.map((k, i) => [k, counts[i]!]))
  const tappedBefore = new Map(tapping.map((f, i) => [f, counts[kiosks.length + i]!]))
  const earlier = new Map<number, number[]>()
  for (const f of kiosked) {
    const kioskId = f.p.kioskId!
    const at = f.p.submittedAt.getTime()
    const group = earlier.get(kioskId) ?? earlier.set(kioskId, []).get(kioskId)!
    const live = at > now.getTime() - LIVE_TAP_MS
    const before = arrived.get(kioskId)!
    if (live) arrived.set(kioskId, before + 1)
    if (f.flagReason) continue
    const tapped = tappedBefore.get(f)!
    if (tapped + group.filter((t) => t > at - BURST_WINDOW_MS && t <= at).length + 1 >= BURST_LIMIT) f.flagReason = 'burst'
    else if (live && before + 1 >= BURST_LIMIT) f.flagReason = 'arrival_burst'
    group.push(at)
  }
}

/**
 * Marks a kiosk rating that completes a long run of top ratings at its desk within a short time (settings
 * `topRunLength`, `topRunMinutes`), judged on tap time and on arrival time: a tablet left to its own staff.
 */
async function flagTopRuns(trx: Db, fresh: Array<{ p: PreparedResponse; flagReason: string | null; top: boolean }>, now: Date) {
  const candidates = fresh.filter((f) => f.p.kioskId !== null && f.p.deskId !== null)
  if (!candidates.length) return
  const { topRunLength: length, topRunMinutes } = await integritySettings(trx)
  const windowMs = topRunMinutes * 60_000
  const earliest = new Map<number, number>()
  for (const f of candidates) earliest.set(f.p.deskId!, Math.min(earliest.get(f.p.deskId!) ?? now.getTime(), f.p.submittedAt.getTime()))
  const rows = await recentDeskRatings(
    trx,
    [...earliest].map(([deskId, at]) => ({ deskId, since: new Date(at - windowMs) })),
    length * 4,
  )
  const byDesk = new Map(
    [...rows].map(([deskId, r]) => [
      deskId,
      {
        tapped: r.tapped.map((t) => ({ at: Date.parse(t.submitted_at), top: t.is_top === 1 })),
        arrived: r.arrived.map((t) => ({ at: Date.parse(t.received_at), top: t.is_top === 1 })),
      },
    ]),
  )
  for (const f of candidates) {
    const seen = byDesk.get(f.p.deskId!)!
    const at = f.p.submittedAt.getTime()
    if (f.top && !f.flagReason && (completesTopRun(at, seen.tapped, length, windowMs) || completesTopRun(now.getTime(), seen.arrived, length, windowMs))) f.flagReason = 'top_run'
    seen.tapped.push({ at, top: f.top })
    seen.arrived.push({ at: now.getTime(), top: f.top })
  }
}

/** Uses up a receipt code; the conditional update is what makes "exactly once" hold on every node. */
async function useInvitation(trx: Db, invitationId: number, now: Date) {
  if (!(await markInvitationUsed(trx, invitationId, now.toISOString()))) throw receiptUsedError()
}

export function receiptUsedError(): DomainError {
  return new DomainError('conflict', 'receipt_used', { vi: 'Ông/Bà đã đánh giá, cảm ơn', en: 'You have already answered, thank you' })
}

/** One open-link response per browser per desk per local day; a second is refused, not silently dropped. */
async function useDeskLinkToday(trx: Db, deskId: number, browserHash: string, day: string, responseId: number) {
  if (await answeredToday(trx, deskId, day, browserHash)) throw alreadyAnsweredToday()
  await insertLinkUse(trx, { deskId, day, browserHash, responseId })
}

export function alreadyAnsweredToday(): DomainError {
  return new DomainError('rate_limited', 'already_answered_today', {
    vi: 'Ông/Bà đã đánh giá quầy này hôm nay. Mỗi trình duyệt chỉ gửi một đánh giá cho một quầy mỗi ngày.',
    en: 'You have already rated this desk today. Each browser can send one rating per desk per day.',
  })
}

export function conflictError(submissionId: string): DomainError {
  return new DomainError('conflict', 'submission_conflict', {
    vi: `Mã phiếu ${submissionId} đã được dùng cho một câu trả lời khác`,
    en: `Submission id ${submissionId} was already used for different answers`,
  })
}
