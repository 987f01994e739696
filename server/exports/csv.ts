/**
 * What makes a spreadsheet read a cell as a formula: = + - @, tab, CR, and their fullwidth forms
 * (＝ ＋ － ＠), which Excel and LibreOffice fold to ASCII when a CSV is opened with a CJK or IME locale.
 */
export const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/

/**
 * One CSV cell (RFC 4180). Text that a spreadsheet would read as a formula gets a leading apostrophe so
 * a hostile comment stays text; numbers stay plain numbers ("92.14").
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? '1' : '0'
  let text = value
  if (FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(cells: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return cells.map(csvCell).join(',') + '\r\n'
}

/** UTF-8 with BOM, so Excel opens Vietnamese text correctly. */
export const BOM = '\uFEFF'
