import { DomainError, type FieldIssue } from '../domain/errors.ts'
import type { LocalizedText } from '../domain/text.ts'

/** One reason a row of an imported file was refused. */
export interface RowIssue {
  row: number
  column: string
  code: string
  message: LocalizedText
}

export function rowIssue(row: number, column: string, code: string, vi: string, en: string): RowIssue {
  return { row, column, code, message: { vi, en } }
}

/** An import refused as a whole: nothing was written; every bad row is named with its column. */
export class ImportRejected extends DomainError {
  constructor(
    readonly rows: RowIssue[],
    readonly rejectedRows: number,
    text?: LocalizedText,
  ) {
    super(
      'invalid',
      'import_rejected',
      text ?? { vi: `Không nhập: ${rejectedRows} dòng có lỗi, không dòng nào được ghi`, en: `Nothing imported: ${rejectedRows} rows have errors` },
      rows.map((r): FieldIssue => ({ field: `row ${r.row}, ${r.column}`, code: r.code, message: r.message })),
    )
  }
}

/** `row 7, column overall: Giá trị phải là … / Value must be …` */
export function formatRowIssue(i: RowIssue): string {
  return `dòng/row ${i.row}, cột/column ${i.column}: ${i.message.vi} / ${i.message.en}`
}

export function requireHeader(row: number, header: string[], required: string[]): RowIssue[] {
  return required.filter((c) => !header.includes(c)).map((c) => rowIssue(row, c, 'missing_column', `Thiếu cột "${c}" ở dòng tiêu đề`, `The header row has no "${c}" column`))
}

/** Problems shown for an import: those of the first rows only, however many rows are bad. */
export const MAX_SHOWN = 200

/**
 * The issues of a file's bad rows in bounded memory: the rows are all counted, but only the problems of
 * the first MAX_SHOWN rows are kept (a million bad rows must not become a million issues in memory).
 */
export class IssueList {
  private kept: RowIssue[] = []
  rejectedRows = 0

  /** One bad row, with its reasons. */
  addRow(issues: RowIssue[]) {
    this.rejectedRows++
    this.kept.push(...issues)
    // Rows mostly come in order, so the trimmed ones are rarely needed again; keep some slack.
    if (this.kept.length > MAX_SHOWN * 4) this.trim()
  }

  private trim() {
    this.kept = this.kept.sort((a, b) => a.row - b.row).slice(0, MAX_SHOWN)
  }

  rejection(): ImportRejected {
    this.trim()
    return new ImportRejected(this.kept, this.rejectedRows)
  }
}
