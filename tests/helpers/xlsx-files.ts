import fs from 'node:fs'
import { crc32, createDeflateRaw } from 'node:zlib'

/** One part of a ZIP archive: its text made piece by piece, so a huge part never exists whole in memory. */
export interface Part {
  name: string
  pieces: () => Iterable<string>
}

/**
 * Writes a ZIP archive (deflated parts, a central directory) to `file`, streaming each part through
 * zlib: a sheet of millions of rows is made in seconds and a few megabytes of memory.
 */
export async function writeZip(file: string, parts: Part[]): Promise<number> {
  const out = fs.openSync(file, 'w')
  let offset = 0
  const write = (b: Buffer) => {
    fs.writeSync(out, b)
    offset += b.length
  }
  const central: Buffer[] = []
  for (const part of parts) {
    const name = Buffer.from(part.name)
    const headerAt = offset
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8) // deflate
    local.writeUInt16LE(name.length, 26)
    write(local)
    write(name)
    const dataAt = offset
    let crc = 0
    let size = 0
    const deflate = createDeflateRaw({ level: 6 })
    const done = new Promise<void>((resolve, reject) => {
      deflate.on('data', (chunk: Buffer) => write(chunk))
      deflate.on('end', resolve)
      deflate.on('error', reject)
    })
    let batch: string[] = []
    let batchLength = 0
    const flush = async () => {
      const b = Buffer.from(batch.join(''))
      batch = []
      batchLength = 0
      crc = crc32(b, crc)
      size += b.length
      if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r))
    }
    for (const piece of part.pieces()) {
      batch.push(piece)
      batchLength += piece.length
      if (batchLength > 256 * 1024) await flush()
    }
    await flush()
    deflate.end()
    await done
    const compressed = offset - dataAt
    // Sizes and CRC go into the local header after the fact (no data descriptor needed).
    const patch = Buffer.alloc(12)
    patch.writeUInt32LE(crc >>> 0, 0)
    patch.writeUInt32LE(compressed, 4)
    patch.writeUInt32LE(size, 8)
    fs.writeSync(out, patch, 0, 12, headerAt + 14)
    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0)
    entry.writeUInt16LE(20, 4)
    entry.writeUInt16LE(20, 6)
    entry.writeUInt16LE(8, 10)
    entry.writeUInt32LE(crc >>> 0, 16)
    entry.writeUInt32LE(compressed, 20)
    entry.writeUInt32LE(size, 24)
    entry.writeUInt16LE(name.length, 28)
    entry.writeUInt32LE(headerAt, 42)
    central.push(entry, name)
  }
  const dirAt = offset
  for (const b of central) write(b)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(offset - dirAt, 12)
  end.writeUInt32LE(dirAt, 16)
  write(end)
  fs.closeSync(out)
  return offset
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'

/** The parts every workbook has, around one sheet and its shared strings. */
export function workbookParts(sheet: () => Iterable<string>, sharedStrings?: () => Iterable<string>): Part[] {
  return [
    {
      name: '[Content_Types].xml',
      pieces: () => [
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ],
    },
    {
      name: 'xl/workbook.xml',
      pieces: () => [
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ],
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      pieces: () => [
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ],
    },
    { name: 'xl/worksheets/sheet1.xml', pieces: sheet },
    ...(sharedStrings ? [{ name: 'xl/sharedStrings.xml', pieces: sharedStrings }] : []),
  ]
}

/** A sheet of `rows` tiny rows (one inline number each): the "millions of rows" bomb. */
export const tinyRowsSheet = (rows: number) =>
  function* () {
    yield `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>`
    for (let r = 1; r <= rows; r++) yield `<row r="${r}"><c r="A${r}"><v>1</v></c></row>`
    yield '</sheetData></worksheet>'
  }

/** A one-cell sheet whose cell reference is an attribute `length` characters long (in 64 KB pieces): the "long attribute" bomb. */
export const longAttributeSheet = (length: number) =>
  function* () {
    yield `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A`
    for (let left = length; left > 0; left -= 64 * 1024) yield '1'.repeat(Math.min(left, 64 * 1024))
    yield '"><v>1</v></c></row></sheetData></worksheet>'
  }

/** A shared-strings table of `count` distinct strings of `length` characters: the "huge shared strings" bomb. */
export const hugeSharedStrings = (count: number, length: number) =>
  function* () {
    yield `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="${count}" uniqueCount="${count}">`
    const pad = 'x'.repeat(Math.max(0, length - 8))
    for (let i = 0; i < count; i++) yield `<si><t>${pad}${String(i).padStart(8, '0')}</t></si>`
    yield '</sst>'
  }

/** A one-cell sheet using shared string 0. */
export const oneSharedCellSheet = () =>
  function* () {
    yield `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`
  }
