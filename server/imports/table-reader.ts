import path from 'node:path'
import { Transform } from 'node:stream'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { CsvError, parse } from 'csv-parse'
import { stripInvisible } from '../domain/text.ts'
import { FORMULA_START } from '../exports/csv.ts'
import { ImportRejected, rowIssue } from './row-issues.ts'
import { readXlsxRows, XlsxRefused } from './xlsx-reader.ts'
import { fileBytes, memoryBytes, type Bytes } from './zip.ts'

/** A file on disk (the CLI, an upload streamed to a temporary file) or bytes in memory (tests). */
export type TableSource = { path: string; name?: string } | { name: string; data: Uint8Array }

export interface TableLimits {
  /** Rows (the header included) past which the whole file is refused, unread. */
  maxRows?: number
}

/** The file's name as people know it (for messages and the audit log). */
export function sourceName(source: TableSource): string {
  if (source.name) return source.name
  return 'path' in source ? path.basename(source.path) : ''
}

function isXlsx(source: TableSource) {
  return path.extname(sourceName(source)).toLowerCase() === '.xlsx'
}

/** Our CSV exports prefix formula-like text with an apostrophe (see exports/csv.ts); reading undoes it. */
function unneutralise(text: string): string {
  const cell = stripInvisible(text)
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell
}

export interface TableRow {
  /** The row number a spreadsheet shows (the header is row 1). */
  row: number
  cells: string[]
}

/** One CSV record (a row) longer than this is refused: no form has a megabyte of answers. */
const MAX_RECORD_CHARS = 1024 * 1024
/** The import's work is cut into slices of this much time, so other requests are served in between. */
const SLICE_MS = 10

const refuse = (row: number, code: string, vi: string, en: string): never => {
  throw new ImportRejected([rowIssue(row, '-', code, vi, en)], 1)
}

export function tooManyRows(maxRows: number): ImportRejected {
  const n = { vi: maxRows.toLocaleString('vi-VN'), en: maxRows.toLocaleString('en') }
  return new ImportRejected(
    [
      rowIssue(
        maxRows + 1,
        '-',
        'too_many_rows',
        `Tệp có hơn ${n.vi} dòng: mỗi lần nhập tối đa ${n.vi} dòng, hãy chia tệp`,
        `The file has more than ${n.en} rows: an import takes at most ${n.en} rows, split the file`,
      ),
    ],
    1,
    { vi: `Không nhập: tệp có hơn ${n.vi} dòng (tối đa ${n.vi} dòng mỗi lần)`, en: `Nothing imported: the file has more than ${n.en} rows (at most ${n.en} per import)` },
  )
}

/**
 * Rows of a CSV (UTF-8, BOM allowed, RFC 4180) or of the first sheet of an XLSX file, as arrays of
 * strings, header included, streamed so that a file of a million rows is never held whole in memory.
 * Invisible format characters are stripped from every cell. Past `maxRows` the file is refused at once,
 * and the reading gives the event loop a turn every few milliseconds.
 */
export async function* readTable(source: TableSource, limits: TableLimits = {}): AsyncGenerator<TableRow> {
  const bytes: Bytes = 'path' in source ? await fileBytes(source.path) : memoryBytes(source.data)
  let physical = 0
  const count = () => {
    if (limits.maxRows !== undefined && ++physical > limits.maxRows) throw tooManyRows(limits.maxRows)
  }
  let sliceStart = performance.now()
  const pause = async () => {
    if (performance.now() - sliceStart < SLICE_MS) return
    await nextTurn()
    sliceStart = performance.now()
  }
  if (isXlsx(source)) {
    try {
      for await (const r of readXlsxRows(bytes, count)) {
        yield { row: r.row, cells: r.cells.map(stripInvisible) }
        await pause()
      }
    } catch (e) {
      if (e instanceof XlsxRefused) refuse(1, e.code, e.vi, e.en)
      throw e
    }
    return
  }
  // A file saved in another encoding (Windows-1258 from an old Excel) would otherwise import as U+FFFD.
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let row = 0
  const utf8 = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        done(null, decoder.decode(chunk, { stream: true }))
      } catch {
        done(new NotUtf8())
      }
    },
    flush(done) {
      try {
        done(null, decoder.decode())
      } catch {
        done(new NotUtf8())
      }
    },
  })
  const input = bytes.stream(0, bytes.size)
  const parser = input.pipe(utf8).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_CHARS }))
  utf8.on('error', (e) => parser.destroy(e))
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      count()
      yield { row: ++row, cells: record.map(unneutralise) }
      await pause()
    }
  } catch (e) {
    if (e instanceof NotUtf8) refuse(row + 1, 'unreadable_file', 'Tệp không phải UTF-8: hãy lưu lại dưới dạng CSV UTF-8', 'The file is not UTF-8: save it again as CSV UTF-8')
    // csv-parse's own reasons (an unclosed quote, a stray quote) name what is wrong, in English only.
    if (e instanceof CsvError) refuse(row + 1, 'unreadable_file', `Tệp CSV sai định dạng: ${e.message}`, `Malformed CSV file: ${e.message}`)
    throw e
  } finally {
    input.destroy()
  }
}

class NotUtf8 extends Error {}
