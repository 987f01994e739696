import type { Db } from '../db/types.ts'
import { inTransaction } from '../db/transaction.ts'
import type { Database } from '../db/schema.ts'
import { quarterOf } from '../domain/periods.ts'
import { rollupCells } from '../domain/rollup-cells.ts'
import { answersFromRows } from '../responses/answer-rows.ts'
import { answersByResponse, responsePage, setResponseQuarter } from '../responses/repository.ts'
import { replaceRollups } from './repository.ts'
import { isReportable } from '../responses/reportable.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'

const PAGE = 2000

/**
 * Recomputes every rollup from the raw responses (and each response's quarter from its instant, in case
 * HAILONG_TZ changed), in one transaction: the cure when counts are in doubt, and the test oracle for
 * the incremental updates.
 */
export async function rebuildRollups(db: Db, catalog: SurveyCatalog, timeZone: string, onProgress?: (n: number) => void) {
  return inTransaction(db, async (trx) => {
    const cells = new Map<string, number>()
    let lastId = 0
    let seen = 0
    let requartered = 0
    for (;;) {
      const page = await responsePage(trx, lastId, PAGE)
      if (!page.length) break
      lastId = page.at(-1)!.id
      const byResponse = await answersByResponse(trx, page[0]!.id, lastId)
      for (const r of page) {
        const quarter = quarterOf(new Date(r.submitted_at), timeZone)
        if (quarter !== r.quarter) {
          await setResponseQuarter(trx, r.id, quarter)
          requartered++
        }
        if (!isReportable(r)) continue
        const def = (await catalog.get(r.survey_version_id, trx))!.definition
        const bucket = [quarter, r.survey_version_id, r.agency_id, r.desk_id ?? 0, r.channel, r.procedure_code ?? ''].join('\u0000')
        for (const c of rollupCells(def, answersFromRows(def, byResponse.get(r.id) ?? []))) {
          const key = `${bucket}\u0000${c.question}\u0000${c.value}`
          cells.set(key, (cells.get(key) ?? 0) + 1)
        }
      }
      seen += page.length
      onProgress?.(seen)
    }
    const rows = [...cells.entries()].map(([key, count]) => {
      const [quarter, sv, agency, desk, channel, procedure, question, value] = key.split('\u0000') as string[]
      return {
        quarter: quarter!,
        survey_version_id: Number(sv),
        agency_id: Number(agency),
        desk_id: Number(desk),
        channel: channel as Database['rollups']['channel'],
        procedure_code: procedure!,
        question_id: question!,
        value: value!,
        count,
      }
    })
    await replaceRollups(trx, rows)
    return { responses: seen, cells: rows.length, requartered }
  })
}
