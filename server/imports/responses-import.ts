import { listAgencies } from '../agencies/repository.ts'
import { appendAudit } from '../audit/service.ts'
import { inTransaction } from '../db/transaction.ts'
import type { Channel } from '../db/schema.ts'
import type { Db } from '../db/types.ts'
import { listDesks } from '../desks/repository.ts'
import { cellsToAnswers } from '../domain/answer-cells.ts'
import { checkAnswers } from '../domain/answers.ts'
import { DomainError } from '../domain/errors.ts'
import { parseInstant } from '../domain/periods.ts'
import { questionsOf } from '../domain/questions.ts'
import type { Clock } from '../lib/clock.ts'
import { findBySubmissionIds } from '../responses/repository.ts'
import { prepareResponse, storeResponses, type PreparedResponse } from '../responses/service.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { IssueList, requireHeader, rowIssue, type RowIssue } from './row-issues.ts'
import { readTable, sourceName, type TableSource } from './table-reader.ts'
import { CHANNELS } from '../domain/vocabulary.ts'
import { BODY_LIMITS } from '../lib/limits.ts'
import { RESPONSE_COLUMNS } from './response-columns.ts'

/** Optional columns added to the format after the first version (additions only, never renames). */
const OPTIONAL_COLUMNS = ['procedure']
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const CHUNK = 500

/** What one upload in the browser may hold (the CLI, run by the operator on their own file, has no row limit). */
export const PAPER_IMPORT_LIMITS = { maxRows: 50_000, maxBytes: BODY_LIMITS.paperImport }

export interface ImportSummary {
  imported: number
  alreadyPresent: number
  rejected: number
}

export interface ImportOptions {
  timeZone: string
  clock: Clock
  catalog: SurveyCatalog
  onProgress?: (rowsRead: number, phase: 'check' | 'write') => void
  /** Paper entry by an agency's staff: rows for agencies outside this set are refused. */
  agencyScope?: Set<number> | null
  /** Check every row and count what would happen, writing nothing (the browser's preview). */
  dryRun?: boolean
  /** Who imports: the audit entry is written in the import's own transaction. */
  actor: string
  /** Rows (header included) past which the file is refused whole. */
  maxRows?: number
}

type RowResult = { ok: true; row: number; prepared: PreparedResponse } | { ok: false; row: number; issues: RowIssue[] }

/** Turns the rows of a responses file into prepared responses, or the reasons each row is refused. */
async function* prepareRows(db: Db, source: TableSource, opts: ImportOptions): AsyncGenerator<RowResult> {
  const agencies = new Map((await listAgencies(db)).map((a) => [a.code, a]))
  const desks = new Map((await listDesks(db)).map((d) => [`${d.agency_code}/${d.code}`, d]))
  const now = opts.clock.now()
  let header: string[] | null = null
  for await (const { row, cells } of readTable(source, { maxRows: opts.maxRows })) {
    if (!header) {
      header = cells.map((c) => c.trim())
      const missing = requireHeader(row, header, [...RESPONSE_COLUMNS])
      if (missing.length) {
        yield { ok: false, row, issues: missing }
        return
      }
      continue
    }
    const cell = (col: string) => (cells[header!.indexOf(col)] ?? '').trim()
    const issues: RowIssue[] = []
    const bad = (column: string, code: string, vi: string, en: string) => issues.push(rowIssue(row, column, code, vi, en))
    const submissionId = cell('submission_id')
    if (!UUID.test(submissionId)) bad('submission_id', 'invalid_uuid', 'Phải là một UUID', 'Must be a UUID')
    const version = await opts.catalog.byKey(cell('survey'))
    if (!version || version.status === 'draft') bad('survey', 'unknown_survey', `Không có phiếu ${cell('survey')}`, `No survey ${cell('survey')}`)
    // Outside the account's scope reads exactly as "no such agency": a manager learns no other agency's code.
    const found = agencies.get(cell('agency'))
    const agency = found && (!opts.agencyScope || opts.agencyScope.has(found.id)) ? found : undefined
    if (!agency)
      opts.agencyScope
        ? bad('agency', 'unknown_agency', `Không có cơ quan mã ${cell('agency')} trong phạm vi tài khoản`, `No agency with code ${cell('agency')} within this account's scope`)
        : bad('agency', 'unknown_agency', `Không có cơ quan mã ${cell('agency')}`, `No agency with code ${cell('agency')}`)
    const desk = cell('desk') ? desks.get(`${cell('agency')}/${cell('desk')}`) : undefined
    if (agency && cell('desk') && !desk) bad('desk', 'unknown_desk', `Cơ quan ${agency.code} không có quầy ${cell('desk')}`, `Agency ${agency.code} has no desk ${cell('desk')}`)
    const channel = cell('channel') as Channel
    if (!CHANNELS.includes(channel)) bad('channel', 'invalid_channel', `Kênh phải là ${CHANNELS.join(', ')}`, `Channel must be one of ${CHANNELS.join(', ')}`)
    const givenAt = parseInstant(cell('submitted_at'), opts.timeZone)
    if (!givenAt) bad('submitted_at', 'invalid_time', 'Thời điểm phải theo ISO 8601 có múi giờ, hoặc ngày YYYY-MM-DD', 'Must be ISO 8601 with an offset, or a date YYYY-MM-DD')
    if (version) {
      const own = new Set(questionsOf(version.definition).map((q) => q.id))
      const answerCells: Record<string, string> = {}
      header.forEach((col, i) => {
        if ((RESPONSE_COLUMNS as readonly string[]).includes(col) || OPTIONAL_COLUMNS.includes(col)) return
        const value = cells[i] ?? ''
        if (own.has(col)) answerCells[col] = value
        else if (value.trim() !== '') bad(col, 'unknown_question', `Phiếu ${version.key} không có câu hỏi ${col}`, `Survey ${version.key} has no question ${col}`)
      })
      if (issues.length || !agency || !givenAt) {
        // Still name the bad answers, so one pass over the file shows every problem.
        const checked = checkAnswers(version.definition, cellsToAnswers(version.definition, answerCells))
        if (!checked.ok) for (const d of checked.issues) issues.push({ row, column: d.field.replace(/^answers\./, ''), code: d.code, message: d.message })
      } else {
        try {
          const prepared = await prepareResponse(
            opts.catalog,
            now,
            { kind: 'import', agencyId: agency.id, deskId: desk?.id ?? null, channel, trustsClientTime: true },
            { submissionId, survey: version.key, answers: cellsToAnswers(version.definition, answerCells), givenAt, procedure: cell('procedure') || undefined },
          )
          yield { ok: true, row, prepared }
          continue
        } catch (e) {
          if (!(e instanceof DomainError)) throw e
          for (const d of e.details ?? []) {
            const column = d.field.replace(/^answers\./, '').replace(/^givenAt$/, 'submitted_at')
            issues.push({ row, column, code: d.code, message: d.message })
          }
        }
      }
    }
    yield { ok: false, row, issues }
  }
  if (!header) yield { ok: false, row: 1, issues: [rowIssue(1, 'submission_id', 'empty_file', 'Tệp trống', 'The file is empty')] }
}

/**
 * Paper-entry import: every row is checked first (a pass that keeps only ids and hashes), then, when
 * none is refused, the file is read again and written in one transaction. All rows or none.
 */
export async function importResponses(db: Db, source: TableSource, opts: ImportOptions): Promise<ImportSummary> {
  const issues = new IssueList()
  const seen = new Map<string, { hash: string; row: number }>()
  let pending: Array<{ row: number; id: string; hash: string }> = []
  let rows = 0
  let alreadyStored = 0
  const checkStored = async () => {
    const stored = new Map(
      (
        await findBySubmissionIds(
          db,
          pending.map((p) => p.id),
        )
      ).map((r) => [r.submission_id, r.payload_hash]),
    )
    for (const p of pending) {
      const hash = stored.get(p.id)
      if (hash === p.hash) alreadyStored++
      if (hash !== undefined && hash !== p.hash) {
        issues.addRow([
          rowIssue(p.row, 'submission_id', 'submission_conflict', 'Mã phiếu đã được lưu với nội dung khác', 'This submission id is already stored with different content'),
        ])
      }
    }
    pending = []
  }
  for await (const r of prepareRows(db, source, opts)) {
    rows++
    opts.onProgress?.(rows, 'check')
    if (!r.ok) {
      issues.addRow(r.issues)
      continue
    }
    const { submissionId: id, hash } = r.prepared
    const earlier = seen.get(id)
    if (earlier && earlier.hash !== hash) {
      issues.addRow([
        rowIssue(
          r.row,
          'submission_id',
          'duplicate_in_file',
          `Mã phiếu trùng với dòng ${earlier.row} nhưng khác nội dung`,
          `Same submission id as row ${earlier.row} with different content`,
        ),
      ])
      continue
    }
    if (earlier) {
      alreadyStored++
      continue
    }
    seen.set(id, { hash, row: r.row })
    pending.push({ row: r.row, id, hash })
    if (pending.length >= CHUNK) await checkStored()
  }
  await checkStored()
  if (issues.rejectedRows) throw issues.rejection()
  // Every row that passed the check is new, or a repeat of a stored or earlier row.
  if (opts.dryRun) return { imported: rows - alreadyStored, alreadyPresent: alreadyStored, rejected: 0 }

  const summary: ImportSummary = { imported: 0, alreadyPresent: 0, rejected: 0 }
  let written = 0
  await inTransaction(db, async (trx) => {
    let chunk: PreparedResponse[] = []
    const flush = async () => {
      for (const o of await storeResponses(trx, chunk, { now: opts.clock.now(), timeZone: opts.timeZone })) {
        if (o.status === 'created') summary.imported++
        else if (o.status === 'duplicate') summary.alreadyPresent++
        // Stored by someone else between the check and now: refuse the whole file, as promised.
        else
          throw new DomainError('conflict', 'submission_conflict', {
            vi: `Mã phiếu ${o.submissionId} vừa được lưu với nội dung khác`,
            en: `Submission ${o.submissionId} was just stored with different content`,
          })
      }
      chunk = []
    }
    // Read through the transaction: on SQLite a query on `db` here would wait for this very transaction.
    for await (const r of prepareRows(trx, source, opts)) {
      if (!r.ok) throw new Error(`row ${r.row} changed between the two passes`)
      chunk.push(r.prepared)
      opts.onProgress?.(++written, 'write')
      if (chunk.length >= CHUNK) await flush()
    }
    await flush()
    await appendAudit(trx, { actor: opts.actor, action: 'responses.import', details: { file: sourceName(source), ...summary } }, opts.clock.now())
  })
  return summary
}
