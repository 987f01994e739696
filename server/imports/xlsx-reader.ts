import type { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import { NotZip, openZip, ZipTooLarge, type Bytes, type ZipArchive, type ZipEntry } from './zip.ts'

/**
 * What one XLSX upload may hold once unpacked. The shared-strings table is the one part that must be
 * kept in memory while the sheet is read, so its size is what bounds memory; the sheet itself is
 * streamed row by row and bounded by the row limit of the import.
 */
export const XLSX_LIMITS = {
  /** Text of the shared-strings table, in characters (a 50,000-row file of UUIDs and comments needs ~8 M). */
  sharedStringChars: 16_000_000,
  sharedStrings: 500_000,
  /** Unpacked XML of one part (the sheet, the shared strings). */
  partBytes: 256 * 1024 * 1024,
  /** Excel's own limit for one cell. */
  cellChars: 32_767,
  columns: 500,
}

/** Why a file cannot be read as a spreadsheet; the caller turns it into a row-level refusal. */
export class XlsxRefused extends Error {
  constructor(
    readonly code: 'not_xlsx' | 'xlsx_too_large' | 'too_many_columns',
    readonly vi: string,
    readonly en: string,
  ) {
    super(en)
  }
}

/** Longest tag or text run between markup characters: far above a cell's 32,767 characters in any encoding. */
const MAX_XML_RUN = 1024 * 1024

const notXlsx = (why: string) => new XlsxRefused('not_xlsx', 'Tệp không phải bảng tính XLSX hợp lệ', `The file is not a valid XLSX workbook (${why})`)

/** Runs a SAX parser over a stream; the handlers may push results, drained by `each` after every chunk. */
async function* parseXml<T>(stream: Readable, setup: (p: SaxesParser, out: T[]) => void): AsyncGenerator<T> {
  const parser = new SaxesParser()
  const out: T[] = []
  setup(parser, out)
  const decoder = new StringDecoder('utf8')
  // The parser keeps a tag (with its attributes) or a text run whole until it ends: one of megabytes is
  // an attack that packs into kilobytes, refused before the parser buffers it.
  let run = 0
  try {
    for await (const chunk of stream) {
      const text = decoder.write(chunk as Buffer)
      const end = Math.max(text.lastIndexOf('>'), text.lastIndexOf('<'))
      run = end < 0 ? run + text.length : text.length - end - 1
      if (run > MAX_XML_RUN) throw new XlsxRefused('xlsx_too_large', 'Tệp XLSX chứa một thẻ hoặc đoạn văn bản quá dài', 'The XLSX file holds an overlong tag or text run')
      parser.write(text)
      while (out.length) yield out.shift()!
    }
    parser.write(decoder.end())
    parser.close()
    while (out.length) yield out.shift()!
  } catch (e) {
    if (e instanceof XlsxRefused) throw e
    if (e instanceof ZipTooLarge) throw new XlsxRefused('xlsx_too_large', 'Tệp XLSX quá lớn khi giải nén', 'The XLSX file is too large once unpacked')
    // The parser's own errors are plain Errors; anything else (the row limit of the caller) passes through.
    if (e instanceof NotZip || (e instanceof Error && e.constructor === Error)) throw notXlsx(e.message.slice(0, 120))
    throw e
  }
}

async function drain(events: AsyncGenerator<unknown>) {
  for await (const _ of events);
}

const local = (name: string) => name.slice(name.indexOf(':') + 1)

/** The first sheet's part and the workbook's date system, from workbook.xml and its relationships. */
async function firstSheet(zip: ZipArchive, entries: Map<string, ZipEntry>) {
  let date1904 = false
  let firstId: string | null = null
  const workbook = entries.get('xl/workbook.xml')
  if (!workbook) throw notXlsx('no xl/workbook.xml')
  await drain(
    parseXml(zip.open(workbook, 4 * 1024 * 1024), (p) =>
      p.on('opentag', (node: SaxesTagPlain) => {
        if (local(node.name) === 'workbookPr') date1904 = node.attributes['date1904'] === '1' || node.attributes['date1904'] === 'true'
        if (local(node.name) === 'sheet' && firstId === null) firstId = String(node.attributes['r:id'] ?? '')
      }),
    ),
  )
  let target: string | null = null
  const rels = entries.get('xl/_rels/workbook.xml.rels')
  if (rels && firstId)
    await drain(
      parseXml(zip.open(rels, 4 * 1024 * 1024), (p) =>
        p.on('opentag', (node: SaxesTagPlain) => {
          if (local(node.name) === 'Relationship' && node.attributes['Id'] === firstId) target = String(node.attributes['Target'] ?? '')
        }),
      ),
    )
  const path = target ? ((target as string).startsWith('/') ? (target as string).slice(1) : `xl/${target}`) : null
  const sheet =
    (path && entries.get(path)) ||
    [...entries.values()].filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name)).sort((a, b) => Number(/\d+/.exec(a.name)) - Number(/\d+/.exec(b.name)))[0]
  if (!sheet) throw notXlsx('no worksheet')
  return { sheet, date1904 }
}

/** The shared-strings table, refused as soon as it outgrows XLSX_LIMITS (never cached without bound). */
async function sharedStrings(zip: ZipArchive, entry: ZipEntry | undefined): Promise<string[]> {
  if (!entry) return []
  const tooLarge = () =>
    new XlsxRefused(
      'xlsx_too_large',
      `Bảng chuỗi dùng chung của tệp XLSX quá lớn (tối đa ${XLSX_LIMITS.sharedStrings.toLocaleString('vi-VN')} chuỗi, ${XLSX_LIMITS.sharedStringChars.toLocaleString('vi-VN')} ký tự): hãy chia tệp`,
      `The XLSX shared-strings table is too large (at most ${XLSX_LIMITS.sharedStrings.toLocaleString('en')} strings, ${XLSX_LIMITS.sharedStringChars.toLocaleString('en')} characters): split the file`,
    )
  // Each character of XML text is at least one byte: a part declaring more bytes than allowed is refused unread.
  if (entry.size > XLSX_LIMITS.sharedStringChars * 4 + 64 * XLSX_LIMITS.sharedStrings) throw tooLarge()
  const strings: string[] = []
  let chars = 0
  let text: string[] | null = null
  let inT = false
  let phonetic = 0
  await drain(
    parseXml(zip.open(entry, XLSX_LIMITS.partBytes), (p) => {
      p.on('opentag', (node: SaxesTagPlain) => {
        const name = local(node.name)
        if (name === 'si') text = []
        else if (name === 'rPh') phonetic++
        else if (name === 't') inT = true
      })
      p.on('text', (t: string) => {
        if (!inT || phonetic || !text) return
        chars += t.length
        if (chars > XLSX_LIMITS.sharedStringChars) throw tooLarge()
        text.push(t)
      })
      p.on('closetag', (node: SaxesTagPlain) => {
        const name = local(node.name)
        if (name === 't') inT = false
        else if (name === 'rPh') phonetic--
        else if (name === 'si') {
          if (strings.length >= XLSX_LIMITS.sharedStrings) throw tooLarge()
          strings.push((text ?? []).join(''))
          text = null
        }
      })
    }),
  )
  return strings
}

const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47])

/** Which cell styles (`s` attribute) show a number as a date or time. */
async function dateStyles(zip: ZipArchive, entry: ZipEntry | undefined): Promise<Set<number>> {
  const out = new Set<number>()
  if (!entry) return out
  const custom = new Map<number, string>()
  let inCellXfs = false
  let xf = 0
  await drain(
    parseXml(zip.open(entry, 8 * 1024 * 1024), (p) => {
      p.on('opentag', (node: SaxesTagPlain) => {
        const name = local(node.name)
        if (name === 'numFmt') custom.set(Number(node.attributes['numFmtId']), String(node.attributes['formatCode'] ?? ''))
        else if (name === 'cellXfs') inCellXfs = true
        else if (name === 'xf' && inCellXfs) {
          const id = Number(node.attributes['numFmtId'] ?? 0)
          const code = custom.get(id)?.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '')
          if (BUILT_IN_DATE_FORMATS.has(id) || (code !== undefined && /[dmyhs]/i.test(code))) out.add(xf)
          xf++
        }
      })
      p.on('closetag', (node: SaxesTagPlain) => {
        if (local(node.name) === 'cellXfs') inCellXfs = false
      })
    }),
  )
  return out
}

function columnIndex(ref: string | undefined, next: number): number {
  const letters = ref ? /^[A-Z]+/.exec(ref)?.[0] : undefined
  if (!letters) return next
  let n = 0
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n - 1
}

/** An Excel serial date as the instant ExcelJS gave it (the serial read as UTC). */
function serialToIso(serial: number, date1904: boolean): string {
  const days = date1904 ? serial + 1462 : serial
  const ms = Math.round((days - 25569) * 86400_000)
  const d = new Date(ms)
  return Number.isNaN(d.getTime()) ? String(serial) : d.toISOString()
}

export interface SheetRow {
  row: number
  cells: string[]
}

/**
 * The rows of the first sheet of an XLSX workbook as strings (dates as ISO instants), streamed from the
 * archive without ExcelJS's unbounded caches. Every `<row>` element counts, empty or not, so that a file
 * of millions of empty rows meets the row limit like any other.
 */
export async function* readXlsxRows(bytes: Bytes, onRow: () => void): AsyncGenerator<SheetRow> {
  let zip: ZipArchive
  try {
    zip = await openZip(bytes)
  } catch (e) {
    throw notXlsx(e instanceof Error ? e.message : 'unreadable')
  }
  try {
    yield* sheetRows(zip, onRow)
  } finally {
    zip.close()
  }
}

async function* sheetRows(zip: ZipArchive, onRow: () => void): AsyncGenerator<SheetRow> {
  const entries = new Map(zip.entries.map((e) => [e.name, e]))
  const { sheet, date1904 } = await firstSheet(zip, entries)
  const shared = await sharedStrings(zip, entries.get('xl/sharedStrings.xml'))
  const dates = await dateStyles(zip, entries.get('xl/styles.xml'))

  let rowNumber = 0
  let cells: string[] = []
  let col = -1
  let type = ''
  let style = 0
  let value: string[] = []
  let collecting = false
  let inInline = false
  let phonetic = 0
  let cellChars = 0
  const cellText = (): string => {
    const v = value.join('')
    switch (type) {
      case 's':
        return shared[Number(v)] ?? ''
      case 'inlineStr':
      case 'str':
        return v
      case 'b':
        return v === '1' ? 'true' : v === '0' ? 'false' : v
      case 'e':
        return ''
      case 'd':
        return v
      default: {
        if (v.trim() === '') return ''
        const n = Number(v)
        if (!Number.isFinite(n)) return v
        return dates.has(style) ? serialToIso(n, date1904) : String(n)
      }
    }
  }
  yield* parseXml<SheetRow>(zip.open(sheet, XLSX_LIMITS.partBytes), (p, out) => {
    p.on('opentag', (node: SaxesTagPlain) => {
      switch (local(node.name)) {
        case 'row': {
          onRow()
          const r = Number(node.attributes['r'])
          rowNumber = Number.isSafeInteger(r) && r > rowNumber ? r : rowNumber + 1
          cells = []
          col = -1
          break
        }
        case 'c':
          col = columnIndex(node.attributes['r'] as string | undefined, col + 1)
          if (col >= XLSX_LIMITS.columns)
            throw new XlsxRefused('too_many_columns', `Dòng ${rowNumber} có quá ${XLSX_LIMITS.columns} cột`, `Row ${rowNumber} has more than ${XLSX_LIMITS.columns} columns`)
          type = String(node.attributes['t'] ?? 'n')
          style = Number(node.attributes['s'] ?? 0)
          value = []
          cellChars = 0
          break
        case 'v':
          collecting = !inInline
          break
        case 'is':
          inInline = true
          break
        case 'rPh':
          phonetic++
          break
        case 't':
          collecting = inInline && !phonetic
          break
      }
    })
    p.on('text', (t: string) => {
      if (!collecting) return
      cellChars += t.length
      if (cellChars > XLSX_LIMITS.cellChars)
        throw new XlsxRefused(
          'xlsx_too_large',
          `Một ô ở dòng ${rowNumber} dài quá ${XLSX_LIMITS.cellChars} ký tự`,
          `A cell in row ${rowNumber} is longer than ${XLSX_LIMITS.cellChars} characters`,
        )
      value.push(t)
    })
    p.on('closetag', (node: SaxesTagPlain) => {
      switch (local(node.name)) {
        case 'v':
        case 't':
          collecting = false
          break
        case 'is':
          inInline = false
          break
        case 'rPh':
          phonetic--
          break
        case 'c': {
          while (cells.length < col) cells.push('')
          cells[col] = cellText()
          break
        }
        case 'row':
          if (cells.some((c) => c !== '')) out.push({ row: rowNumber, cells })
          break
      }
    })
  })
}
