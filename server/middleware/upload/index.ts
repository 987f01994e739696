import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import busboy from 'busboy'
import type { Context } from 'hono'
import { DomainError, invalid, issue, tooLarge } from '../../domain/errors.ts'

export interface UploadedFile {
  /** The name the browser gave, for its extension and the audit entry. */
  name: string
  /** A temporary file holding the upload; removed by `discard`. */
  path: string
  size: number
  discard(): Promise<void>
}

export interface UploadOptions {
  maxBytes: number
  /** File names accepted, e.g. /\.(csv|xlsx)$/i, and what to say otherwise. */
  accept: RegExp
  choose: { vi: string; en: string }
}

const malformed = () =>
  new DomainError('invalid', 'malformed_body', { vi: 'Dữ liệu tải lên không đọc được (multipart sai định dạng)', en: 'The upload could not be read (malformed multipart body)' })

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`

/**
 * Streams the `file` part of a multipart upload to a temporary file, never holding it in memory, and
 * refuses it past `maxBytes` (413) or when the body is not well-formed multipart (400).
 */
export async function receiveFile(c: Context, options: UploadOptions): Promise<UploadedFile> {
  const type = c.req.header('Content-Type') ?? ''
  const body = c.req.raw.body
  if (!/^multipart\/form-data;/i.test(type) || !body) throw invalid([issue('file', 'required', options.choose.vi, options.choose.en)])
  let parser: busboy.Busboy
  try {
    parser = busboy({ headers: { 'content-type': type }, limits: { files: 1, fileSize: options.maxBytes, fields: 20, fieldSize: 4096, parts: 25 } })
  } catch {
    throw malformed() // no boundary, or a boundary busboy cannot use
  }
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'hailong-upload-'))
  const discard = () => fs.promises.rm(dir, { recursive: true, force: true })
  let found: { name: string; path: string; size: number } | null = null
  let failure: DomainError | null = null
  const writes: Array<Promise<void>> = []
  parser.on('file', (field, stream, info) => {
    if (field !== 'file' || found) {
      stream.resume()
      return
    }
    const target = path.join(dir, 'upload')
    const entry = { name: info.filename ?? '', path: target, size: 0 }
    found = entry
    stream.on('data', (chunk: Buffer) => (entry.size += chunk.length))
    stream.on('limit', () => {
      failure = tooLarge({
        vi: `Tệp quá lớn (tối đa ${megabytes(options.maxBytes)})`,
        en: `The file is too large (${megabytes(options.maxBytes)} at most)`,
      })
    })
    const written = pipeline(stream, fs.createWriteStream(target))
    // Its failure is the body's failure, reported by the pipeline below; never an unhandled rejection.
    written.catch(() => {})
    writes.push(written)
  })
  try {
    await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), parser)
    await Promise.all(writes)
  } catch (e) {
    await discard()
    if (failure) throw failure
    if (e instanceof DomainError) throw e
    throw malformed()
  }
  if (failure) {
    await discard()
    throw failure
  }
  const file = found as { name: string; path: string; size: number } | null
  if (!file || !options.accept.test(file.name)) {
    await discard()
    throw invalid([issue('file', 'required', options.choose.vi, options.choose.en)])
  }
  return { ...file, discard }
}
