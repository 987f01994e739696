import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/database.ts'
import { buildReport } from '../../server/reports/service.ts'
import { parsePeriod } from '../../server/domain/periods.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { makeAgency, makeDesk, makeKiosk, post, signIn, submission } from '../helpers/factories.ts'

// Reports and trends are computed once per state of the data and kept (server/db/computed-once.ts). These
// tests are about when a kept result must NOT be reused: after any commit, by this connection, by the
// intake writer thread's own connection, or by another process altogether.

let t: TestApp
let secret: string
let admin: Awaited<ReturnType<typeof signIn>>

beforeEach(async () => {
  // On SQLite a file with the intake writer thread: ratings are committed by a connection of its own.
  t = await createTestApp({ now: '2026-05-11T03:00:00.000Z', intakeWriter: true, minSample: 1 })
  const agency = await makeAgency(t.db, { code: 'SNV', name: 'Sở Nội vụ' })
  const desk = await makeDesk(t.db, agency.id, 'MC-01')
  const kiosk = await makeKiosk(t.db, desk.id, t.clock.now())
  secret = (await post(t.app, '/api/v1/kiosk/pair', { code: kiosk.code })).body.secret as string
  admin = await signIn(t, 'admin')
})
afterEach(() => t.close())

const rate = async (overall: number) => {
  const res = await post(t.app, '/api/v1/responses', submission({ overall }, { givenAt: t.clock.now().toISOString() }), secret)
  expect(res.status).toBe(201)
}
const report = async () => {
  const res = await t.app.request('/api/v1/reports/mot-cua/2026-Q2', { headers: admin.headers })
  expect(res.status).toBe(200)
  return { text: await res.clone().text(), body: (await res.json()) as { overall: { n: number; index: number | null }; units: Array<{ agency: string; n: number }> } }
}
const trend = async () => {
  const res = await t.app.request('/api/v1/dashboard/trend/mot-cua?count=2', { headers: admin.headers })
  return ((await res.json()) as { points: Array<{ period: string; n: number }> }).points.at(-1)!.n
}

describe('a report kept between requests', () => {
  it('is the same, byte for byte, while nothing is committed, and counts every rating committed since', async () => {
    await rate(5)
    const first = await report()
    expect(first.body.overall.n).toBe(1)
    expect((await report()).text).toBe(first.text)
    expect(await trend()).toBe(1)

    await rate(1)
    const second = await report()
    expect(second.body.overall).toMatchObject({ n: 2, index: 50 })
    expect(await trend()).toBe(2)
  })

  it('sees what another process committed to the same database', async () => {
    await rate(5)
    expect((await report()).body.overall.n).toBe(1)
    // Another connection, as a CLI import or a second node would be.
    const other = await openDatabase(t.url)
    try {
      await other.db.updateTable('agencies').set({ name: 'Sở Nội vụ tỉnh' }).where('code', '=', 'SNV').execute()
    } finally {
      await other.close()
    }
    const meta = await t.app.request('/api/v1/dashboard/meta', { headers: admin.headers })
    expect(((await meta.json()) as { agencies: Array<{ name: string }> }).agencies.map((a) => a.name)).toContain('Sở Nội vụ tỉnh')
    expect(((await report()).body.units as Array<{ name?: string }>)[0]!.name).toBe('Sở Nội vụ tỉnh')
  })

  it('cannot be changed by one caller for the next', async () => {
    await rate(4)
    const catalog = new SurveyCatalog(t.db)
    const opts = { instrument: 'mot-cua', period: parsePeriod('2026-Q2'), timeZone: 'Asia/Ho_Chi_Minh', minSample: 1 }
    const a = await buildReport(t.db, catalog, opts)
    expect(() => {
      ;(a.units as unknown[]).length = 0
    }).toThrow(TypeError)
    expect(() => {
      ;(a.overall as { n: number }).n = 99
    }).toThrow(TypeError)
    const b = await buildReport(t.db, catalog, opts)
    expect(b.units).toHaveLength(1)
    expect(b.overall.n).toBe(1)
  })
})
