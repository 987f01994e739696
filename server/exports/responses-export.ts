import fs from 'node:fs'
import { once } from 'node:events'
import ExcelJS from 'exceljs'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { answersToCells } from '../domain/answer-cells.ts'
import { periodBounds, type Period } from '../domain/periods.ts'
import { questionsOf } from '../domain/questions.ts'
import { RESPONSE_COLUMNS } from '../imports/responses-import.ts'
import { answersFromRows } from '../responses/answer-rows.ts'
import { answersByResponse } from '../responses/repository.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { listSurveyVersions } from '../surveys/repository.ts'
import { BOM, csvLine } from './csv.ts'
import { sql } from 'kysely'
import { withoutIndex } from '../db/dialect.ts'

const PAGE = 5000

export interface ResponsesExportOptions {
  period: Period
  instrument?: string
  timeZone: string
  format: 'csv' | 'xlsx'
  out: string
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
  const header = [...RESPONSE_COLUMNS, 'procedure', ...questionIds]
  const agencies = new Map((await db.selectFrom('agencies').select(['id', 'code']).execute()).map((a) => [a.id, a.code]))
  const desks = new Map((await db.selectFrom('desks').select(['id', 'code']).execute()).map((d) => [d.id, d.code]))
  const { start, end } = periodBounds(opts.period, opts.timeZone)

  const csv = opts.format === 'csv' ? fs.createWriteStream(opts.out) : null
  const xlsx = opts.format === 'xlsx' ? new ExcelJS.stream.xlsx.WorkbookWriter({ filename: opts.out, useSharedStrings: false, useStyles: false }) : null
  const sheet = xlsx?.addWorksheet('Phiếu')
  const write = async (cells: Array<string | number>) => {
    if (csv) {
      if (!csv.write(csvLine(cells))) await once(csv, 'drain')
    } else sheet!.addRow(cells).commit()
  }
  if (csv) csv.write(BOM)
  await write(header)

  // Pages in id order with the period as a filter: the table is read sequentially (see withoutIndex),
  // which for a long export is far faster than following the submitted_at index to scattered rows.
  let lastId = 0
  let rows = 0
  const at = withoutIndex(db, 'submitted_at')
  for (;;) {
    const page = await db
      .selectFrom('responses')
      .select(['id', 'submission_id', 'survey_version_id', 'agency_id', 'desk_id', 'channel', 'procedure_code', 'submitted_at'])
      .where('id', '>', lastId)
      .where(sql<boolean>`${at} >= ${start.toISOString()}`)
      .where(sql<boolean>`${at} < ${end.toISOString()}`)
      .where('survey_version_id', 'in', versions.length ? versions.map((v) => v.id) : [-1])
      .where('is_spam', '=', 0)
      .where('is_flagged', '=', 0)
      .where('is_test', '=', 0)
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .limit(PAGE)
      .execute()
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
        ...questionIds.map((q) => cells[q] ?? ''),
      ])
    }
    rows += page.length
    opts.onProgress?.(rows)
  }
  if (csv) {
    csv.end()
    await once(csv, 'finish')
  } else {
    sheet!.commit()
    await xlsx!.commit()
  }
  return { rows, columns: header.length }
}
