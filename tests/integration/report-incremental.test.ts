import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/database.ts'
import { parsePeriod } from '../../server/domain/periods.ts'
import { buildReport } from '../../server/reports/service.ts'
import { setResponseFlags } from '../../server/responses/moderation.ts'
import { rebuildRollups } from '../../server/rollups/rebuild.ts'
import { REVISION_BUCKET } from '../../server/rollups/repository.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { makeAgency, makeDesk, makePairedKiosk, post, signIn, submission } from '../helpers/factories.ts'

// A report after a change reuses what it kept of every agency whose cells did not move
// (server/reports/agency-inputs.ts, agency_revisions and the agencies table's trigger counter). Here every
// kind of change the index follows is made in a random order, and after each one the report the server
// answers with must equal, byte for byte, one computed from nothing on a fresh connection.

let t: TestApp
let admin: Awaited<ReturnType<typeof signIn>>
let kiosks: Array<{ secret: string }>
let agencies: Array<{ id: number; code: string }>

beforeEach(async () => {
  t = await createTestApp({ now: '2026-03-20T03:00:00.000Z', intakeWriter: true, minSample: 2 })
  const province = await makeAgency(t.db, { code: 'TINH', name: 'Tỉnh', kind: 'department' })
  agencies = [
    await makeAgency(t.db, { code: 'SNV', name: 'Sở Nội vụ', kind: 'department', parentId: province.id }),
    await makeAgency(t.db, { code: 'STP', name: 'Sở Tư pháp', kind: 'department', parentId: province.id }),
    await makeAgency(t.db, { code: 'XA-1', name: 'Xã Một', kind: 'commune', parentId: province.id }),
    await makeAgency(t.db, { code: 'XA-2', name: 'Xã Hai', kind: 'commune', parentId: province.id }),
  ]
  // Agencies without desks, so that the next one lands in the second bucket of revisions (REVISION_BUCKET):
  // a rating there must be read while the first bucket's labels are kept, and the other way round.
  for (let i = 0; i < REVISION_BUCKET; i++) await makeAgency(t.db, { code: `KHAC-${i}`, parentId: province.id })
  agencies.push(await makeAgency(t.db, { code: 'XA-3', name: 'Xã Ba', kind: 'commune', parentId: province.id }))
  expect(Math.floor(agencies.at(-1)!.id / REVISION_BUCKET)).toBeGreaterThan(Math.floor(agencies[0]!.id / REVISION_BUCKET))
  kiosks = []
  for (const a of agencies) kiosks.push(await makePairedKiosk(t, (await makeDesk(t.db, a.id)).id))
})
afterEach(() => t.close())

// A small deterministic generator: the same sequence on every run and both databases.
function random(seed: number) {
  let s = seed
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648
    // The high bits: an LCG's low bits repeat with a short period.
    return Math.floor((s / 2147483648) * n)
  }
}

const rate = async (kiosk: number, overall: number, givenAt = t.clock.now().toISOString()) => {
  const res = await post(t.app, '/api/v1/responses', submission({ overall }, { givenAt }), kiosks[kiosk]!.secret)
  expect(res.status).toBe(201)
}

const served = async (path: string) => {
  const res = await t.app.request(path, { headers: admin.headers })
  expect(res.status).toBe(200)
  return res.text()
}

/** The same report computed on a connection of its own, which has kept nothing. */
const fromNothing = async (period: string, kind?: 'commune') => {
  const fresh = await openDatabase(t.url)
  try {
    return JSON.stringify(
      await buildReport(fresh.db, new SurveyCatalog(fresh.db), { instrument: 'mot-cua', period: parsePeriod(period), timeZone: 'Asia/Ho_Chi_Minh', minSample: 2, kind }),
    )
  } finally {
    await fresh.close()
  }
}

const expectSameAsFromNothing = async (step: string) => {
  for (const [path, period, kind] of [
    ['/api/v1/reports/mot-cua/2026-Q2', '2026-Q2', undefined],
    ['/api/v1/reports/mot-cua/2026-Q2?kind=commune', '2026-Q2', 'commune'],
    ['/api/v1/reports/mot-cua/2026-Q1', '2026-Q1', undefined],
  ] as const)
    expect(await served(path), `${step}: ${path}`).toBe(await fromNothing(period, kind))
}

describe('a report after a change', () => {
  it('equals the report computed from nothing after ratings, late ratings, exclusions, renames, moves and a rebuild', async () => {
    const next = random(20261201)
    for (let i = 0; i < 8; i++) {
      t.clock.advance(90_000)
      await rate(next(kiosks.length), 1 + next(5))
    }
    t.clock.set('2026-04-15T03:00:00.000Z')
    admin = await signIn(t, 'admin')
    await expectSameAsFromNothing('first look')

    const catalog = new SurveyCatalog(t.db)
    const aRating: [string, () => Promise<unknown>] = ['a rating', () => rate(next(kiosks.length), 1 + next(5))]
    // Ratings are what a live deployment sees most: three chances in eight.
    const steps: Array<[string, () => Promise<unknown>]> = [
      aRating,
      aRating,
      aRating,
      ['a late rating for the quarter before', () => rate(next(kiosks.length), 1 + next(5), '2026-03-30T02:00:00.000Z')],
      [
        'a response excluded or counted again',
        async () => {
          const ids = await t.db.selectFrom('responses').select(['id', 'is_spam']).orderBy('id').execute()
          const r = ids[next(ids.length)]!
          await t.db.transaction().execute((trx) => setResponseFlags(trx, catalog, r.id, { spam: !r.is_spam }))
        },
      ],
      [
        'an agency renamed by another connection',
        async () => {
          const other = await openDatabase(t.url)
          try {
            const a = agencies[next(agencies.length)]!
            await other.db
              .updateTable('agencies')
              .set({ name: `Tên mới ${next(1000)}` })
              .where('id', '=', a.id)
              .execute()
          } finally {
            await other.close()
          }
        },
      ],
      [
        'a commune moved to a department',
        () =>
          t.db
            .updateTable('agencies')
            .set({ parent_id: next(2) ? agencies[0]!.id : null })
            .where('id', '=', agencies[2]!.id)
            .execute(),
      ],
      ['the rollups rebuilt', () => rebuildRollups(t.db, catalog, 'Asia/Ho_Chi_Minh')],
    ]
    for (let i = 0; i < 30; i++) {
      t.clock.advance(90_000)
      const [name, step] = steps[next(steps.length)]!
      await step()
      await expectSameAsFromNothing(`step ${i + 1}, ${name}`)
    }
    // The sequence did reach each agency: the kept report is not trivially empty.
    const last = JSON.parse(await served('/api/v1/reports/mot-cua/2026-Q2')) as { overall: { n: number }; units: unknown[] }
    expect(last.overall.n).toBeGreaterThan(5)
    expect(last.units.length).toBeGreaterThan(1)
  })

  it('counts a rating of one agency among many at once, and leaves the others as they were', async () => {
    t.clock.set('2026-04-15T03:00:00.000Z')
    admin = await signIn(t, 'admin')
    for (const [k, overall] of [
      [0, 5],
      [0, 4],
      [1, 2],
      [1, 1],
    ] as const) {
      t.clock.advance(90_000)
      await rate(k, overall)
    }
    const before = JSON.parse(await served('/api/v1/reports/mot-cua/2026-Q2')) as { units: Array<{ agency: string; n: number; index: number }> }
    t.clock.advance(90_000)
    await rate(1, 5)
    const after = JSON.parse(await served('/api/v1/reports/mot-cua/2026-Q2')) as { units: Array<{ agency: string; n: number; index: number }> }
    const of = (r: typeof before, code: string) => r.units.find((u) => u.agency === code)
    expect(of(before, 'SNV')).toEqual(of(after, 'SNV'))
    expect(of(before, 'STP')).toMatchObject({ n: 2 })
    expect(of(after, 'STP')).toMatchObject({ n: 3 })
  })
})
