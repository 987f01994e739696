import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/database.ts'
import { rebuildRollups } from '../../server/rollups/rebuild.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'
import { kioskDatabase, startNode } from '../../scripts/bench/lib.ts'
import { tempDir } from '../helpers/cli.ts'

const KILLS = 20
const WORKERS = 16

describe('crash durability (SIGKILL under load)', () => {
  it(`keeps every acknowledged response exactly once across ${KILLS} kills, and retries never duplicate`, async () => {
    const file = path.join(tempDir('hailong-crash-'), 'h.db')
    const [token] = await kioskDatabase(file)
    const bodies = new Map<string, string>()
    const acked = new Set<string>()
    let unacked = new Set<string>()
    const send = async (url: string, id: string) => {
      const res = await fetch(`${url}/api/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: bodies.get(id)!,
      })
      if (res.status !== 201 && res.status !== 200) throw new Error(`unexpected ${res.status}: ${await res.text()}`)
      return res.status
    }
    for (let round = 0; round <= KILLS; round++) {
      const node = await startNode({ DATABASE_URL: file })
      // A client retries what it never heard back about: same id, same body.
      for (const id of unacked) {
        await send(node.url, id)
        acked.add(id)
      }
      unacked = new Set()
      if (round === KILLS) {
        await node.stop()
        break
      }
      let stop = false
      const worker = async () => {
        while (!stop) {
          const id = randomUUID()
          bodies.set(id, JSON.stringify({ submissionId: id, survey: 'mot-cua@1', answers: { overall: 1 + (bodies.size % 5) }, givenAt: new Date().toISOString() }))
          unacked.add(id)
          try {
            await send(node.url, id)
            unacked.delete(id)
            acked.add(id)
          } catch {
            return // the server died mid-request: this id stays unacknowledged
          }
        }
      }
      const workers = Array.from({ length: WORKERS }, worker)
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 600))
      const exited = new Promise((r) => node.child.once('exit', r))
      node.child.kill('SIGKILL')
      stop = true
      await Promise.all(workers)
      await exited
    }
    const { db, close } = await openDatabase(file)
    const stored = (await db.selectFrom('responses').select('submission_id').execute()).map((r) => r.submission_id)
    expect(new Set(stored).size).toBe(stored.length)
    expect(stored.length).toBe(acked.size)
    for (const id of acked) expect(stored.includes(id)).toBe(true)
    expect(acked.size).toBeGreaterThan(KILLS * 10)
    const before = (await db.selectFrom('rollups').selectAll().where('count', '!=', 0).execute()).map((r) => JSON.stringify(r)).sort()
    await rebuildRollups(db, new SurveyCatalog(db), 'Asia/Ho_Chi_Minh')
    const after = (await db.selectFrom('rollups').selectAll().where('count', '!=', 0).execute()).map((r) => JSON.stringify(r)).sort()
    expect(before).toEqual(after)
    await close()
  })
})
