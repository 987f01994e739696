import fs from 'node:fs'
import path from 'node:path'
import { Readable, Transform } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import { ImportRejected, rowIssue } from './row-issues.ts'

export type TableSource = { path: string } | { name: string; data: Uint8Array }

/** The file's name as people know it (for messages and the audit log). */
export function sourceName(source: TableSource) {
  return 'path' in source ? source.path.split(/[\\/]/).pop()! : source.name
}

function isXlsx(source: TableSource) {
  const name = 'path' in source ? source.path : source.name
  return path.extname(name).toLowerCase() === '.xlsx'
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('text' in value) return String(value.text)
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('error' in value) return ''
  }
  return String(value)
}

/**
 * Rows of a CSV (UTF-8, BOM allowed, RFC 4180) or of the first sheet of an XLSX file, as arrays of
 * strings, header included, streamed so that a file of a million rows is never held whole in memory.
 */
/** Our CSV exports prefix formula-like text with an apostrophe (see exports/csv.ts); reading undoes it. */
function unneutralise(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell
}

export interface TableRow {
  /** The row number a spreadsheet shows (the header is row 1). */
  row: number
  cells: string[]
}

export async function* readTable(source: TableSource): AsyncGenerator<TableRow> {
  if (isXlsx(source)) {
    const input = 'path' in source ? source.path : Readable.from(Buffer.from(source.data))
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input as never, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache' })
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[]
        const cells: string[] = []
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]))
        yield { row: row.number, cells }
      }
      return // the first sheet only
    }
    return
  }
  const input = 'path' in source ? fs.createReadStream(source.path) : Readable.from(Buffer.from(source.data))
  // A file saved in another encoding (Windows-1258 from an old Excel) would otherwise import as U+FFFD.
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let row = 0
  const refuse = (vi: string, en: string): never => {
    throw new ImportRejected([rowIssue(row + 1, '-', 'unreadable_file', vi, en)], 1)
  }
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
  const parser = input.pipe(utf8).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }))
  utf8.on('error', (e) => parser.destroy(e))
  try {
    for await (const record of parser as AsyncIterable<string[]>) yield { row: ++row, cells: record.map(unneutralise) }
  } catch (e) {
    if (e instanceof NotUtf8) refuse('Tệp không phải UTF-8: hãy lưu lại dưới dạng CSV UTF-8', 'The file is not UTF-8: save it again as CSV UTF-8')
    // csv-parse's own reasons (an unclosed quote, a stray quote) name what is wrong, in English only.
    if (e instanceof CsvError) refuse(`Tệp CSV sai định dạng: ${e.message}`, `Malformed CSV file: ${e.message}`)
    throw e
  }
}

class NotUtf8 extends Error {}
