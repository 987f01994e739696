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
  constructor(readonly rows: RowIssue[], readonly rejectedRows: number) {
    super(
      'invalid',
      'import_rejected',
      { vi: `Không nhập: ${rejectedRows} dòng có lỗi, không dòng nào được ghi`, en: `Nothing imported: ${rejectedRows} rows have errors` },
      rows.map((r): FieldIssue => ({ field: `row ${r.row}, ${r.column}`, code: r.code, message: r.message })),
    )
  }
}

/** `row 7, column overall: Giá trị phải là … / Value must be …` */
export function formatRowIssue(i: RowIssue): string {
  return `dòng/row ${i.row}, cột/column ${i.column}: ${i.message.vi} / ${i.message.en}`
}

export function requireHeader(row: number, header: string[], required: string[]): RowIssue[] {
  return required
    .filter((c) => !header.includes(c))
    .map((c) => rowIssue(row, c, 'missing_column', `Thiếu cột "${c}" ở dòng tiêu đề`, `The header row has no "${c}" column`))
}
