import fs from 'node:fs'
import { Readable, Transform } from 'node:stream'
import { createInflateRaw } from 'node:zlib'

/** Random access to an uploaded file, on disk or in memory. */
export interface Bytes {
  size: number
  read(start: number, length: number): Promise<Buffer>
  /** Bytes [start, end), in chunks of at most 64 KB. */
  stream(start: number, end: number): Readable
}

export async function fileBytes(path: string): Promise<Bytes> {
  const size = (await fs.promises.stat(path)).size
  return {
    size,
    async read(start, length) {
      const handle = await fs.promises.open(path, 'r')
      try {
        const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - start)))
        await handle.read(buffer, 0, buffer.length, start)
        return buffer
      } finally {
        await handle.close()
      }
    },
    stream: (start, end) => (end > start ? fs.createReadStream(path, { start, end: end - 1, highWaterMark: 64 * 1024 }) : Readable.from([])),
  }
}

export function memoryBytes(data: Uint8Array): Bytes {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  return {
    size: buffer.length,
    read: async (start, length) => buffer.subarray(start, start + length),
    stream: (start, end) =>
      // Slices, not one chunk: a parser handed the whole file at once would work through it in one turn.
      Readable.from(
        (function* () {
          for (let at = start; at < end; at += 64 * 1024) yield buffer.subarray(at, Math.min(end, at + 64 * 1024))
        })(),
      ),
  }
}

export interface ZipEntry {
  name: string
  method: number
  compressedSize: number
  /** As the archive declares it; `open` enforces it, since a hostile file may lie. */
  size: number
  headerOffset: number
}

export class NotZip extends Error {}
export class ZipTooLarge extends Error {
  constructor(readonly entry: string) {
    super(`${entry} is larger than allowed`)
  }
}

/** An XLSX holds a dozen parts; thousands are an attack on the reader, not a spreadsheet. */
const MAX_ENTRIES = 2000

/**
 * The central directory of a ZIP archive (an XLSX file), read from its end without inflating anything.
 * Zip64 and multi-disk archives are refused: no spreadsheet of the size an upload allows needs them.
 */
export async function zipEntries(bytes: Bytes): Promise<ZipEntry[]> {
  const tailLength = Math.min(bytes.size, 22 + 0xffff)
  const tail = await bytes.read(bytes.size - tailLength, tailLength)
  let end = -1
  for (let i = tail.length - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === 0x06054b50) {
      end = i
      break
    }
  if (end < 0) throw new NotZip('no end of central directory')
  const count = tail.readUInt16LE(end + 10)
  const dirSize = tail.readUInt32LE(end + 12)
  const dirOffset = tail.readUInt32LE(end + 16)
  if (count === 0xffff || dirOffset === 0xffffffff || count > MAX_ENTRIES) throw new NotZip('zip64 or too many entries')
  if (dirOffset + dirSize > bytes.size) throw new NotZip('central directory outside the file')
  const dir = await bytes.read(dirOffset, dirSize)
  const entries: ZipEntry[] = []
  let at = 0
  for (let n = 0; n < count; n++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== 0x02014b50) throw new NotZip('broken central directory')
    const nameLength = dir.readUInt16LE(at + 28)
    const extraLength = dir.readUInt16LE(at + 30)
    const commentLength = dir.readUInt16LE(at + 32)
    entries.push({
      method: dir.readUInt16LE(at + 10),
      compressedSize: dir.readUInt32LE(at + 20),
      size: dir.readUInt32LE(at + 24),
      name: dir.toString('utf8', at + 46, at + 46 + nameLength),
      headerOffset: dir.readUInt32LE(at + 42),
    })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/**
 * The inflated bytes of one entry, cut off with ZipTooLarge past `maxBytes` (whatever the archive
 * declares: a "zip bomb" declares little and inflates to gigabytes).
 */
export async function openEntry(bytes: Bytes, entry: ZipEntry, maxBytes: number): Promise<Readable> {
  const header = await bytes.read(entry.headerOffset, 30)
  if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) throw new NotZip('broken local header')
  const start = entry.headerOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28)
  const end = start + entry.compressedSize
  if (end > bytes.size) throw new NotZip('entry outside the file')
  if (entry.method !== 0 && entry.method !== 8) throw new NotZip(`compression method ${entry.method}`)
  let seen = 0
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length
      if (seen > maxBytes) done(new ZipTooLarge(entry.name))
      else done(null, chunk)
    },
  })
  const raw = bytes.stream(start, end)
  const inflated = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw
  inflated.on('error', (e) => cap.destroy(e instanceof ZipTooLarge ? e : new NotZip(String(e))))
  raw.on('error', (e) => cap.destroy(e))
  cap.on('close', () => {
    raw.destroy()
    inflated.destroy()
  })
  return inflated.pipe(cap)
}
