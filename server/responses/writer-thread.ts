// The intake writer thread (see sqlite-writer.ts): its own connection to the SQLite file, one transaction
// per message, answered once that transaction has committed.
import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase } from '../db/database.ts'
import { DomainError } from '../domain/errors.ts'
import { storeResponses, type PreparedResponse } from './service.ts'

export interface WriteRequest {
  id: number
  items: PreparedResponse[]
  now: Date
  timeZone: string
}

/** What crosses back: an error loses its class in a message, so its parts are sent and rebuilt. */
export type WrittenError = { domain: Pick<DomainError, 'kind' | 'code' | 'text' | 'details'> } | { message: string; name: string; code?: string; stack?: string }

const { file, synchronous } = workerData as { file: string; synchronous: 'FULL' | 'NORMAL' }
const { db } = await openDatabase(file, { synchronous, immediate: true })

parentPort!.on('message', async ({ id, items, now, timeZone }: WriteRequest) => {
  try {
    const outcomes = await db.transaction().execute((trx) => storeResponses(trx, items, { now, timeZone }))
    parentPort!.postMessage({ id, result: outcomes })
  } catch (e) {
    const error: WrittenError =
      e instanceof DomainError
        ? { domain: { kind: e.kind, code: e.code, text: e.text, details: e.details } }
        : { message: String((e as Error)?.message ?? e), name: String((e as Error)?.name ?? 'Error'), code: (e as { code?: string })?.code, stack: (e as Error)?.stack }
    parentPort!.postMessage({ id, error })
  }
})
parentPort!.postMessage({ ready: true })
