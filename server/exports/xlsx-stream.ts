import fs from 'node:fs'
import { once } from 'node:events'
import { PassThrough } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import yazl from 'yazl'

/**
 * A one-sheet XLSX written as SpreadsheetML straight into a streaming zip entry, for exports of a
 * million rows: exceljs's streaming writer keeps the compressed sheet in memory until the end (about
 * 1.8 GB for a million responses), this keeps one chunk. Text goes in as inline strings, so there is
 * no shared-strings table to hold either, and a cell of text is never a formula: hostile text stays
 * inert, as with exceljs.
 */

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml'

/** Characters XML 1.0 cannot carry at all (C0 controls but tab/LF/CR, U+FFFE/FFFF, unpaired surrogates). */
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const SPECIAL = /[&<>"]/g
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

export function xmlText(text: string): string {
  return text.replace(FORBIDDEN, '').replace(SPECIAL, (c) => ENTITY[c]!)
}

/** A, B, …, Z, AA, …: the column part of a cell reference (1-based). */
export function columnName(n: number): string {
  let name = ''
  for (; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

const parts = (sheetName: string): Array<[string, string]> => [
  [
    '[Content_Types].xml',
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/></Types>`,
  ],
  ['_rels/.rels', `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
  ['xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${xmlText(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`],
  [
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  ],
  // The smallest style sheet Excel accepts without offering to repair the file.
  [
    'xl/styles.xml',
    `<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
  ],
]

/** Bytes of sheet XML gathered before one write: large enough to be cheap, small enough to be memory-neutral. */
const CHUNK = 256 * 1024

export interface SheetWriter {
  /** Appends a row; resolves once the zip has taken the data, so the caller never runs ahead of the disk. */
  row(cells: ReadonlyArray<string | number | null | undefined>): Promise<void>
  close(): Promise<void>
}

export function streamingSheet(out: string, sheetName: string): SheetWriter {
  const zip = new yazl.ZipFile()
  const written = pipeline(zip.outputStream, fs.createWriteStream(out))
  // A failure of the file stream must reach the caller even while it is not awaiting `written`.
  let failure: unknown = null
  written.catch((e) => (failure = e))
  const mtime = new Date()
  for (const [name, xml] of parts(sheetName)) zip.addBuffer(Buffer.from(DECL + xml), name, { mtime })
  const sheet = new PassThrough()
  zip.addReadStream(sheet, 'xl/worksheets/sheet1.xml', { mtime })
  zip.end()

  const columns: string[] = []
  const ref = (i: number) => (columns[i] ??= columnName(i + 1))
  let pending = `${DECL}<worksheet xmlns="${MAIN}"><sheetData>`
  let rowNumber = 0
  const flush = async () => {
    if (failure) throw failure
    const ok = sheet.write(pending)
    pending = ''
    if (!ok) await Promise.race([once(sheet, 'drain'), written])
    if (failure) throw failure
  }

  return {
    async row(cells) {
      rowNumber++
      let xml = `<row r="${rowNumber}">`
      for (let i = 0; i < cells.length; i++) {
        const v = cells[i]
        if (v === null || v === undefined || v === '') continue
        const r = `${ref(i)}${rowNumber}`
        if (typeof v === 'number') {
          if (Number.isFinite(v)) xml += `<c r="${r}"><v>${v}</v></c>`
          continue
        }
        const text = xmlText(v)
        // Without xml:space a reader may trim the leading or trailing spaces of a comment.
        const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : ''
        xml += `<c r="${r}" t="inlineStr"><is><t${space}>${text}</t></is></c>`
      }
      pending += `${xml}</row>`
      if (pending.length >= CHUNK) await flush()
    },
    async close() {
      pending += '</sheetData></worksheet>'
      await flush()
      sheet.end()
      await written
    },
  }
}
