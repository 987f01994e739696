import type { Db } from '../db/types.ts'
import { DomainError } from '../domain/errors.ts'
import { rollupCells } from '../domain/rollup-cells.ts'
import { bumpRollups } from '../rollups/repository.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { answersFromRows } from './answer-rows.ts'
import { isReportable } from './reportable.ts'
import { answersOf, findResponse, setResponseStatus } from './repository.ts'

export interface FlagChange {
  spam?: boolean
  flagged?: boolean
  test?: boolean
  reason?: string | null
}

/**
 * Changes a response's status flags (never deletes it) in the caller's transaction; when the response
 * starts or stops counting, its rollup cells move with it, so the index follows at once.
 */
export async function setResponseFlags(trx: Db, catalog: SurveyCatalog, responseId: number, change: FlagChange) {
  const before = await findResponse(trx, responseId)
  if (!before) throw new DomainError('not_found', 'unknown_response', { vi: 'Không có phiếu này', en: 'No such response' })
  const after = {
    ...before,
    is_spam: change.spam === undefined ? before.is_spam : Number(change.spam),
    is_flagged: change.flagged === undefined ? before.is_flagged : Number(change.flagged),
    is_test: change.test === undefined ? before.is_test : Number(change.test),
    flag_reason: change.reason === undefined ? before.flag_reason : change.reason,
  }
  await setResponseStatus(trx, responseId, { is_spam: after.is_spam, is_flagged: after.is_flagged, is_test: after.is_test, flag_reason: after.flag_reason })
  const was = isReportable(before)
  const now = isReportable(after)
  if (was !== now) {
    const version = await catalog.get(before.survey_version_id, trx)
    const rows = await answersOf(trx, responseId)
    await bumpRollups(
      trx,
      {
        surveyVersionId: before.survey_version_id,
        agencyId: before.agency_id,
        deskId: before.desk_id,
        channel: before.channel,
        procedureCode: before.procedure_code,
        quarter: before.quarter,
      },
      rollupCells(version!.definition, answersFromRows(version!.definition, rows)),
      now ? 1 : -1,
      before.submitted_at,
    )
  }
  return after
}
