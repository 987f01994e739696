import fs from 'node:fs'
import { Readable, Transform } from 'node:stream'
import yauzl from 'yauzl'

/** An uploaded file, on disk or in memory: streamed as it is (CSV) or opened as a ZIP archive (XLSX). */
export interface Bytes {
  size: number
  /** Bytes [start, end), in chunks of at most 64 KB. */
  stream(start: number, end: number): Readable
  openZip(): Promise<yauzl.ZipFile>
}

/*
 * lazyEntries: the central directory is read one record at a time, so the entry cap stops a hostile one
 * early. autoClose off: the reader opens parts after the listing ends; `ZipArchive.close` lets go of the file.
 * validateEntrySizes: yauzl itself cuts off a part that inflates past what its header declares.
 */
const YAUZL_OPTIONS: yauzl.Options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }

const opened = (resolve: (z: yauzl.ZipFile) => void, reject: (e: unknown) => void) => (err: Error | null, zip?: yauzl.ZipFile) => (err || !zip ? reject(err) : resolve(zip))

export async function fileBytes(path: string): Promise<Bytes> {
  const size = (await fs.promises.stat(path)).size
  return {
    size,
    stream: (start, end) => (end > start ? fs.createReadStream(path, { start, end: end - 1, highWaterMark: 64 * 1024 }) : Readable.from([])),
    openZip: () => new Promise((resolve, reject) => yauzl.open(path, YAUZL_OPTIONS, opened(resolve, reject))),
  }
}

export function memoryBytes(data: Uint8Array): Bytes {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  return {
    size: buffer.length,
    stream: (start, end) =>
      // Slices, not one chunk: a parser handed the whole file at once would work through it in one turn.
      Readable.from(
        (function* () {
          for (let at = start; at < end; at += 64 * 1024) yield buffer.subarray(at, Math.min(end, at + 64 * 1024))
        })(),
      ),
    openZip: () => new Promise((resolve, reject) => yauzl.fromBuffer(buffer, YAUZL_OPTIONS, opened(resolve, reject))),
  }
}

export interface ZipEntry {
  name: string
  /** As the archive declares it; `open` enforces it, since a hostile file may lie. */
  size: number
  readonly raw: yauzl.Entry
}

export class NotZip extends Error {}
export class ZipTooLarge extends Error {
  constructor(readonly entry: string) {
    super(`${entry} is larger than allowed`)
  }
}

export interface ZipArchive {
  entries: ZipEntry[]
  /**
   * The inflated bytes of one entry, cut off with ZipTooLarge past `maxBytes` (whatever the archive
   * declares: a "zip bomb" declares little and inflates to gigabytes). Failures arrive on the stream.
   */
  open(entry: ZipEntry, maxBytes: number): Readable
  /** Lets go of the file once the streams still open have ended. */
  close(): void
}

/** An XLSX holds a dozen parts; thousands are an attack on the reader, not a spreadsheet. */
const MAX_ENTRIES = 2000

/**
 * yauzl's errors are plain Errors named by their message; a part inflating past its declared size is
 * the zip bomb the caps are there for, anything else is a file that is not a readable archive.
 */
function zipError(e: unknown, entry?: string): Error {
  if (e instanceof NotZip || e instanceof ZipTooLarge) return e
  const message = e instanceof Error ? e.message : String(e)
  if (entry !== undefined && message.startsWith('too many bytes in the stream')) return new ZipTooLarge(entry)
  return new NotZip(message)
}

/** The entries of a ZIP archive (an XLSX file), listed from its central directory without inflating anything. */
export async function openZip(bytes: Bytes): Promise<ZipArchive> {
  let zip: yauzl.ZipFile
  try {
    zip = await bytes.openZip()
  } catch (e) {
    throw zipError(e)
  }
  try {
    if (zip.entryCount > MAX_ENTRIES) throw new NotZip('too many entries')
    const entries: ZipEntry[] = []
    for await (const raw of zip.eachEntry()) {
      if (entries.length >= MAX_ENTRIES) throw new NotZip('too many entries')
      entries.push({ name: raw.fileName, size: raw.uncompressedSize, raw })
    }
    return { entries, open: (entry, maxBytes) => openEntry(zip, entry, maxBytes), close: () => zip.close() }
  } catch (e) {
    zip.close()
    throw zipError(e)
  }
}

function openEntry(zip: yauzl.ZipFile, entry: ZipEntry, maxBytes: number): Readable {
  let seen = 0
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length
      if (seen > maxBytes) done(new ZipTooLarge(entry.name))
      else done(null, chunk)
    },
  })
  if (entry.size > maxBytes) {
    process.nextTick(() => cap.destroy(new ZipTooLarge(entry.name)))
    return cap
  }
  let inflated: Readable | undefined
  cap.on('close', () => inflated?.destroy())
  try {
    zip.openReadStream(entry.raw, (err, stream) => {
      if (err) return cap.destroy(zipError(err, entry.name))
      if (cap.destroyed) return stream.destroy()
      inflated = stream
      // yauzl emits its (and zlib's) errors on the stream it hands out, without ending the pipe.
      stream.on('error', (e) => cap.destroy(zipError(e, entry.name)))
      stream.pipe(cap)
    })
  } catch (e) {
    process.nextTick(() => cap.destroy(zipError(e, entry.name)))
  }
  return cap
}
