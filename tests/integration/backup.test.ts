import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type OpenDatabase } from '../../server/db/database.ts'
import { quarterOf } from '../../server/domain/periods.ts'
import { systemClock } from '../../server/lib/clock.ts'
import { runCli, tempDir } from '../helpers/cli.ts'
import { makeAgency, makeDesk, signIn } from '../helpers/factories.ts'
import { startNode, type NodeProcess } from '../../scripts/node-process.ts'
import { onPostgres } from '../helpers/test-database.ts'

const TZ = 'Asia/Ho_Chi_Minh'

// The online backup is SQLite's: it runs in the SQLite pass of the suite (the PostgreSQL pass checks
// only that the command points to pg_dump).
describe.skipIf(onPostgres)('hailong backup FILE on a live SQLite server', { timeout: 60_000 }, () => {
  const dir = tempDir('hailong-backup-')
  const live = path.join(dir, 'live.db')
  let node: NodeProcess
  let opened: OpenDatabase
  const tokens: string[] = []
  let sent = 0

  const submit = async (token: string) => {
    const overall = (sent % 5) + 1
    const n = ++sent
    const res = await fetch(`${node.url}/api/v1/responses`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-Forwarded-For': `10.3.${Math.floor(n / 250)}.${n % 250}` },
      body: JSON.stringify({ submissionId: randomUUID(), survey: 'mot-cua@1', answers: overall <= 3 ? { overall, reasons: ['wait'] } : { overall } }),
    })
    expect(res.status).toBe(201)
  }
  const report = async (url: string) => {
    const res = await runCli(['report', '--survey', 'mot-cua', '--period', quarterOf(new Date(), TZ), '--min-sample', '5'], { DATABASE_URL: url, HAILONG_TZ: TZ })
    expect(res.stderr).toBe('')
    return JSON.parse(res.stdout)
  }
  const count = async (file: string) => {
    const o = await openDatabase(file)
    const { n } = await o.db
      .selectFrom('responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    await o.close()
    return Number(n)
  }

  beforeAll(async () => {
    node = await startNode({ DATABASE_URL: live, HAILONG_TRUST_PROXY: '1', HAILONG_TZ: TZ })
    opened = await openDatabase(live)
    for (const code of ['SNV-BK', 'STP-BK']) tokens.push((await makeDesk(opened.db, (await makeAgency(opened.db, { code })).id)).token)
  })
  afterAll(async () => {
    await node?.stop()
    await opened?.close()
  })

  it('copies a consistent moment while the server is taking responses', async () => {
    for (let i = 0; i < 20; i++) await submit(tokens[i % 2]!)
    // Four writers keep submitting through the server while the backup runs in another process.
    let writing = true
    const writers = Array.from({ length: 4 }, async (_, w) => {
      while (writing) await submit(tokens[w % 2]!)
    })
    const during = path.join(dir, 'during.db')
    const res = await runCli(['backup', during], { DATABASE_URL: live })
    for (let i = 0; i < 20; i++) await submit(tokens[i % 2]!)
    writing = false
    await Promise.all(writers)
    expect(res.code).toBe(0)
    expect(res.stdout).toMatch(/^backup .*during\.db: \d+ pages/)
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([])

    const inBackup = await count(during)
    expect(inBackup).toBeGreaterThanOrEqual(20)
    expect(inBackup).toBeLessThan(await count(live))
    // Consistent: the counters in the copy are exactly those its raw responses give.
    const copied = await report(during)
    expect(copied.overall.n).toBe(inBackup)
    expect((await runCli(['rollups', 'rebuild'], { DATABASE_URL: during, HAILONG_TZ: TZ })).code).toBe(0)
    expect(await report(during)).toEqual(copied)
  })

  it('gives a file that, used as DATABASE_URL, reports what the live server reports', async () => {
    const after = path.join(dir, 'after.db')
    expect((await runCli(['backup', after], { DATABASE_URL: live })).code).toBe(0)
    const fromBackup = await report(after)
    expect(fromBackup.overall.n).toBe(await count(live))
    expect(fromBackup.units.map((u: any) => u.agency)).toEqual(expect.arrayContaining(['SNV-BK', 'STP-BK']))
    const staff = { app: { request: (p: string, init?: RequestInit) => fetch(`${node.url}${p}`, init) }, db: opened.db, clock: systemClock }
    const { headers } = await signIn(staff)
    const res = await fetch(`${node.url}/api/v1/reports/mot-cua/${quarterOf(new Date(), TZ)}?minSample=5`, { headers })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(fromBackup)
  })

  it('refuses a missing database or directory and leaves nothing behind', async () => {
    const missing = await runCli(['backup', path.join(dir, 'x.db')], { DATABASE_URL: path.join(dir, 'none.db') })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/No database at/)
    expect(fs.existsSync(path.join(dir, 'none.db'))).toBe(false)
    const noDir = await runCli(['backup', path.join(dir, 'nope', 'x.db')], { DATABASE_URL: live })
    expect(noDir.code).toBe(2)
    expect(noDir.stderr).toMatch(/No such directory/)
  })
})

describe('hailong backup FILE on PostgreSQL', { timeout: 60_000 }, () => {
  it('points to pg_dump and copies nothing', async () => {
    const res = await runCli(['backup', path.join(tempDir('hailong-backup-pg-'), 'x.db')], { DATABASE_URL: 'postgres://hailong@127.0.0.1:5432/hailong' })
    expect(res.code).toBe(1)
    expect(res.stderr).toMatch(/pg_dump/)
    expect(res.stdout).toBe('')
  })
})
