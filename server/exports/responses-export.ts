import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { periodBounds, type Period } from '../domain/periods.ts'
import { maskPersonalData } from '../domain/personal-data.ts'
import { questionsOf } from '../domain/questions.ts'
import { RESPONSE_COLUMNS } from '../imports/response-columns.ts'
import { agencyCodes } from '../agencies/repository.ts'
import { deskCodes } from '../desks/repository.ts'
import { answersByResponse, reportableResponsesPage } from '../responses/repository.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { listSurveyVersions } from '../surveys/repository.ts'
import { csvFile } from './csv-file.ts'
import { responseCells } from './response-cells.ts'

// A page's rows and answers live while it is written; at 5,000 they outlived young-generation collections
// and grew the old space (about 50 MB more peak memory, and more time collecting, than at 2,000).
const PAGE = 2000

export interface ResponsesExportOptions {
  period: Period
  instrument?: string
  timeZone: string
  format: 'csv' | 'xlsx'
  out: string
  /** Free text with phone numbers, ID numbers and e-mails masked (the default); false: as typed. */
  maskPersonalData?: boolean
  onProgress?: (rows: number) => void
}

/**
 * Reportable responses of a period in the paper-import format, anonymised (no device, receipt or flag
 * columns), written page by page so a million rows never sit in memory; re-importing the file is a no-op.
 */
export async function exportResponses(db: Kysely<Database>, catalog: SurveyCatalog, opts: ResponsesExportOptions) {
  const versions = (await listSurveyVersions(db)).filter((v) => v.status !== 'draft' && (!opts.instrument || v.instrument === opts.instrument))
  const defs = new Map<number, Awaited<ReturnType<SurveyCatalog['get']>>>()
  for (const v of versions) defs.set(v.id, await catalog.get(v.id))
  const questionIds = [...new Set([...defs.values()].flatMap((v) => questionsOf(v!.definition).map((q) => q.id)))]
  const textIds = new Set(
    [...defs.values()].flatMap((v) =>
      questionsOf(v!.definition)
        .filter((q) => q.type === 'text')
        .map((q) => q.id),
    ),
  )
  const header = [...RESPONSE_COLUMNS, 'procedure', ...questionIds]
  const fixed = header.length - questionIds.length
  // A question that is text in any version is masked in every version's column.
  const masked = opts.maskPersonalData !== false ? questionIds.flatMap((q, i) => (textIds.has(q) ? [fixed + i] : [])) : []
  const plans = new Map([...defs].map(([id, v]) => [id, { key: v!.key, cells: responseCells(v!.definition, questionIds, fixed) }]))
  const agencies = await agencyCodes(db)
  const desks = await deskCodes(db)
  const { start, end } = periodBounds(opts.period, opts.timeZone)

  // Our own SpreadsheetML into a streaming zip: exceljs's writer held the whole zipped sheet in memory.
  // Loaded only for XLSX, so the CLI's other commands start without the zip writer.
  const out = opts.format === 'csv' ? csvFile(opts.out) : (await import('./xlsx-stream.ts')).streamingSheet(opts.out, 'Phiếu')
  await out.row(header)

  let lastId = 0
  let rows = 0
  for (;;) {
    const page = await reportableResponsesPage(db, {
      afterId: lastId,
      start: start.toISOString(),
      end: end.toISOString(),
      surveyVersionIds: versions.map((v) => v.id),
      limit: PAGE,
    })
    if (!page.length) break
    lastId = page.at(-1)!.id
    const byResponse = await answersByResponse(db, page[0]!.id, lastId)
    for (const r of page) {
      const plan = plans.get(r.survey_version_id)!
      const cells = plan.cells(byResponse.get(r.id) ?? [])
      for (const i of masked) if (cells[i]) cells[i] = maskPersonalData(cells[i]!).text
      // The cells before the questions, in the header's order.
      cells[0] = r.submission_id
      cells[1] = plan.key
      cells[2] = agencies.get(r.agency_id) ?? ''
      cells[3] = r.desk_id ? (desks.get(r.desk_id) ?? '') : ''
      cells[4] = r.channel
      cells[5] = r.submitted_at
      cells[6] = r.procedure_code ?? ''
      const written = out.row(cells)
      if (written) await written
    }
    rows += page.length
    opts.onProgress?.(rows)
  }
  await out.close()
  return { rows, columns: header.length }
}
