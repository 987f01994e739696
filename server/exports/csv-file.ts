import fs from 'node:fs'
import { once } from 'node:events'
import { BOM, csvLine } from './csv.ts'

/** Bytes of CSV gathered before one write: large enough to be cheap, small enough to be memory-neutral. */
const CHUNK = 256 * 1024
/** The most UTF-8 bytes one UTF-16 code unit of a string can take. */
const MAX_BYTES_PER_UNIT = 3

export interface CsvFileWriter {
  /** Appends a row; a promise when the row filled a chunk, resolved once the file has taken it. */
  row(cells: ReadonlyArray<string | number | null | undefined>): Promise<void> | void
  close(): Promise<void>
}

/**
 * A CSV file (UTF-8 with BOM) written row by row for exports of a million rows: each line is encoded
 * straight into a fixed-size buffer, and a full buffer is one write that the next rows wait for while
 * the disk is behind. Gathering the text of many lines into one string first costs more: the string is
 * a tree of pieces that outlives young-generation collections and must be flattened to be encoded.
 */
export function csvFile(out: string): CsvFileWriter {
  const file = fs.createWriteStream(out)
  // A failure of the file must reach the caller even while it is not awaiting a write.
  let failure: unknown = null
  file.on('error', (e) => (failure = e))
  let chunk = Buffer.allocUnsafe(CHUNK)
  let used = chunk.write(BOM)

  const write = async (data: Buffer | string) => {
    if (failure) throw failure
    if (!file.write(data)) await once(file, 'drain')
    if (failure) throw failure
  }
  const flush = async () => {
    const full = chunk.subarray(0, used)
    // The stream keeps the buffer until it is on disk: the next rows go to a new one.
    chunk = Buffer.allocUnsafe(CHUNK)
    used = 0
    await write(full)
  }
  const afterFlush = async (line: string) => {
    await flush()
    if (line.length * MAX_BYTES_PER_UNIT > CHUNK) await write(line)
    else used += chunk.write(line, used)
  }

  return {
    row(cells) {
      const line = csvLine(cells)
      if (used + line.length * MAX_BYTES_PER_UNIT > CHUNK) return afterFlush(line)
      used += chunk.write(line, used)
    },
    async close() {
      await flush()
      file.end()
      await once(file, 'finish')
      if (failure) throw failure
    },
  }
}
