import fs from 'node:fs'
import { once } from 'node:events'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { answersToCells } from '../domain/answer-cells.ts'
import { periodBounds, type Period } from '../domain/periods.ts'
import { maskPersonalData } from '../domain/personal-data.ts'
import { questionsOf } from '../domain/questions.ts'
import { RESPONSE_COLUMNS } from '../imports/responses-import.ts'
import { answersFromRows } from '../responses/answer-rows.ts'
import { agencyCodes } from '../agencies/repository.ts'
import { deskCodes } from '../desks/repository.ts'
import { answersByResponse, reportableResponsesPage } from '../responses/repository.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { listSurveyVersions } from '../surveys/repository.ts'
import { BOM, csvLine } from './csv.ts'

const PAGE = 5000

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
  const mask = opts.maskPersonalData !== false
  const cell = (q: string, v: string | number | undefined) => (mask && textIds.has(q) && typeof v === 'string' ? maskPersonalData(v).text : (v ?? ''))
  const header = [...RESPONSE_COLUMNS, 'procedure', ...questionIds]
  const agencies = await agencyCodes(db)
  const desks = await deskCodes(db)
  const { start, end } = periodBounds(opts.period, opts.timeZone)

  const csv = opts.format === 'csv' ? fs.createWriteStream(opts.out) : null
  // Our own SpreadsheetML into a streaming zip: exceljs's writer held the whole zipped sheet in memory.
  // Loaded only for XLSX, so the CLI's other commands start without the zip writer.
  const sheet = opts.format === 'xlsx' ? (await import('./xlsx-stream.ts')).streamingSheet(opts.out, 'Phiếu') : null
  const write = async (cells: Array<string | number>) => {
    if (csv) {
      if (!csv.write(csvLine(cells))) await once(csv, 'drain')
    } else await sheet!.row(cells)
  }
  if (csv) csv.write(BOM)
  await write(header)

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
      const version = defs.get(r.survey_version_id)!
      const cells = answersToCells(version.definition, answersFromRows(version.definition, byResponse.get(r.id) ?? []))
      await write([
        r.submission_id,
        version.key,
        agencies.get(r.agency_id) ?? '',
        r.desk_id ? (desks.get(r.desk_id) ?? '') : '',
        r.channel,
        r.submitted_at,
        r.procedure_code ?? '',
        ...questionIds.map((q) => cell(q, cells[q])),
      ])
    }
    rows += page.length
    opts.onProgress?.(rows)
  }
  if (csv) {
    csv.end()
    await once(csv, 'finish')
  } else await sheet!.close()
  return { rows, columns: header.length }
}
