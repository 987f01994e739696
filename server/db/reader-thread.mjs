// Read-only queries on a SQLite file, run on a connection of this thread's own (see sqlite-reader.ts).
// Plain JavaScript: it runs compiled SQL only and needs none of the app's TypeScript.
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

const db = new Database(workerData.file, { readonly: true, fileMustExist: true })
db.pragma('busy_timeout = 5000')
const statements = new Map()

parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    let statement = statements.get(sql)
    if (!statement) statements.set(sql, (statement = db.prepare(sql)))
    parentPort.postMessage({ id, result: statement.all(...parameters) })
  } catch (e) {
    parentPort.postMessage({ id, error: { message: e.message, code: e.code } })
  }
})
parentPort.postMessage({ ready: true })
