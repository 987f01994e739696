import type { QueuedResponse, QueueStore } from './queue.ts'

const DB_NAME = 'hailong-kiosk'

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })
}

function open(): Promise<IDBDatabase> {
  const r = indexedDB.open(DB_NAME, 1)
  r.onupgradeneeded = () => {
    // `seq` keeps the order of the taps whatever the tablet's clock did in between.
    r.result.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true }).createIndex('submissionId', 'submissionId', { unique: true })
    r.result.createObjectStore('rejected', { keyPath: 'submissionId' })
  }
  return request(r)
}

/**
 * The offline queue in IndexedDB: it survives reloads, closed tabs and browser restarts. Each write is
 * one transaction that completes before the promise resolves, so a tap acknowledged is a tap kept.
 */
export function idbStore(): QueueStore {
  const db = open()
  const run = async <T>(stores: string[], mode: IDBTransactionMode, fn: (tx: IDBTransaction) => Promise<T> | T): Promise<T> => {
    const tx = (await db).transaction(stores, mode)
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve()
      tx.onerror = tx.onabort = () => reject(tx.error)
    })
    const result = await fn(tx)
    await done
    return result
  }
  const removeIn = async (tx: IDBTransaction, ids: string[]) => {
    const index = tx.objectStore('queue').index('submissionId')
    for (const id of ids) {
      const key = await request(index.getKey(id))
      if (key !== undefined) tx.objectStore('queue').delete(key)
    }
  }
  return {
    add: (item) => run(['queue'], 'readwrite', (tx) => void tx.objectStore('queue').add({ ...item })),
    oldest: (limit) =>
      run(['queue'], 'readonly', async (tx) =>
        ((await request(tx.objectStore('queue').getAll(null, limit))) as Array<QueuedResponse & { seq?: number }>).map(({ seq: _seq, ...item }) => item),
      ),
    remove: (ids) => run(['queue'], 'readwrite', (tx) => removeIn(tx, ids)),
    count: () => run(['queue'], 'readonly', (tx) => request(tx.objectStore('queue').count())),
    reject: (items) =>
      run(['queue', 'rejected'], 'readwrite', async (tx) => {
        for (const item of items) tx.objectStore('rejected').put({ ...item })
        await removeIn(
          tx,
          items.map((i) => i.submissionId),
        )
      }),
  }
}
