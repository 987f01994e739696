import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { openDatabase } from '../../server/db/database.ts'
import { systemClock } from '../../server/lib/clock.ts'
import { runCli, tempDir } from '../helpers/cli.ts'
import { fileDatabaseUrl } from '../helpers/test-database.ts'
import { signIn } from '../helpers/factories.ts'

const dir = tempDir('hailong-report-')
const env = { DATABASE_URL: await fileDatabaseUrl('report'), HAILONG_TZ: 'Asia/Ho_Chi_Minh' }
let n = 0
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`
const row = (agency: string, at: string, overall: number, staff = '', reasons = '') => `${id()},mot-cua@1,${agency},,paper,${at},${overall},${staff},,${reasons},`

// Q1 2026 — SNV: 5,4,4,2 → 3/4 satisfied = 75 %; STP: 5,5,3 → 2/3 = 66.67 %; XA-A: 4 → 1/1 (n = 1, too few).
// Q4 2025 — SNV: 2,2 → 0 %; STP: 5,5 → 100 %. So SNV climbs from 2nd to 1st, STP drops from 1st to 2nd.
const PAPER = [
  'submission_id,survey,agency,desk,channel,submitted_at,overall,staff,time,reasons,comment',
  row('SNV', '2026-01-05', 5, '5'),
  row('SNV', '2026-02-10', 4, '3'),
  row('SNV', '2026-03-31T23:59:00+07:00', 4),
  row('SNV', '2026-03-01', 2, '', 'wait|complex'),
  row('STP', '2026-01-20', 5),
  row('STP', '2026-02-20', 5),
  row('STP', '2026-03-20', 3),
  row('XA-A', '2026-03-02', 4),
  row('SNV', '2025-11-01', 2),
  row('SNV', '2025-12-31T16:59:00Z', 2), // 23:59 on 31 December local: still Q4 2025
  row('STP', '2025-10-10', 5),
  row('STP', '2025-10-11', 5),
  row('STP', '2026-03-31T17:00:00Z', 1), // 00:00 on 1 April local: Q2, not in this report
].join('\n')

let report: any
beforeAll(async () => {
  fs.writeFileSync(
    path.join(dir, 'agencies.csv'),
    'code,name,parent,kind\nTINH,Tỉnh Thử,,province\nSNV,Sở Nội vụ,TINH,department\nSTP,Sở Tư pháp,TINH,department\nXA-A,UBND xã An Phú,TINH,commune\n',
  )
  fs.writeFileSync(path.join(dir, 'paper.csv'), PAPER)
  expect((await runCli(['agencies', 'import', path.join(dir, 'agencies.csv')], env)).code).toBe(0)
  const imported = await runCli(['responses', 'import', path.join(dir, 'paper.csv')], env)
  expect(imported.stdout.trim()).toBe('imported 13, already present 0, rejected 0')
  const res = await runCli(['report', '--survey', 'mot-cua', '--period', '2026-Q1', '--min-sample', '2'], env)
  expect(res.code).toBe(0)
  report = JSON.parse(res.stdout)
})

describe('hailong report (Report JSON)', () => {
  it('names the survey, period, zone, minimum sample and versions', () => {
    expect(report).toMatchObject({ survey: 'mot-cua', period: '2026-Q1', timezone: 'Asia/Ho_Chi_Minh', minSample: 2, versions: ['mot-cua@1'] })
  })

  it('gives the province overall with n, the share satisfied and its Wilson interval', () => {
    // 6 satisfied of 8 answers → 75 %. Wilson, z = 1.96: centre (0.75 + 3.8416/16)/(1 + 3.8416/8) = 0.66890,
    // half-width 1.96·√(0.75·0.25/8 + 3.8416/256)/1.4802 = 0.25963 → [40.93, 92.85].
    expect(report.overall.n).toBe(8)
    expect(report.overall.index).toBe(75)
    expect(report.overall.ci95[0]).toBeCloseTo(40.93, 1)
    expect(report.overall.ci95[1]).toBeCloseTo(92.85, 1)
    // staff: 5 and 3 → 1/2; time: nobody answered.
    expect(report.overall.criteria).toEqual({ overall: 75, staff: 50, time: null })
  })

  it('ranks agencies with enough answers and sets the others apart', () => {
    expect(report.units.map((u: any) => [u.agency, u.rank, u.sufficient, u.n])).toEqual([
      ['SNV', 1, true, 4],
      ['STP', 2, true, 3],
      ['XA-A', null, false, 1],
    ])
    const [snv, stp, xa] = report.units
    expect(snv).toMatchObject({ name: 'Sở Nội vụ', kind: 'department', index: 75, previousRank: 2, rankChange: 1, previousIndex: 0, indexChange: 75 })
    expect(stp.index).toBeCloseTo(66.6667, 3)
    expect(stp).toMatchObject({ previousRank: 1, rankChange: -1, previousIndex: 100 })
    expect(stp.indexChange).toBeCloseTo(-33.3333, 3)
    expect(xa).toMatchObject({ index: 100, rank: null, previousRank: null, rankChange: null, previousIndex: null, indexChange: null })
  })

  it('reports the reasons given by the dissatisfied', () => {
    expect(report.units[0].reasons).toEqual({ wait: 100, complex: 100 })
    expect(report.units[0].reasonsN).toBe(1)
  })

  it('is the same through GET /api/v1/reports/{survey}/{period}', async () => {
    const { db, close } = await openDatabase(env.DATABASE_URL)
    const app = createApp({ db, databaseKind: 'sqlite', clock: systemClock, timeZone: 'Asia/Ho_Chi_Minh', minSample: 2 })
    expect((await app.request('/api/v1/reports/mot-cua/2026-Q1')).status).toBe(401)
    const { headers } = await signIn({ app, db, clock: systemClock })
    const get = (path: string) => app.request(path, { headers })
    const res = await get('/api/v1/reports/mot-cua/2026-Q1')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(report)
    const year = await (await get('/api/v1/reports/mot-cua/2026')).json()
    expect(year.overall.n).toBe(9) // Q1 plus the response at 00:00 on 1 April local time
    const bad = await get('/api/v1/reports/mot-cua/2026-Q9')
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.code).toBe('invalid_period')
    expect((await get('/api/v1/reports/khong-co/2026-Q1')).status).toBe(404)
    await close()
  })

  it('sends a first page of the ranking on request (?top=N): the first N of each table, and how many each has', async () => {
    const { db, close } = await openDatabase(env.DATABASE_URL)
    const app = createApp({ db, databaseKind: 'sqlite', clock: systemClock, timeZone: 'Asia/Ho_Chi_Minh', minSample: 2 })
    const { headers } = await signIn({ app, db, clock: systemClock })
    const get = (path: string) => app.request(path, { headers })
    // SNV and STP are ranked, XA-A (n = 1) is below the minimum sample.
    const first = await (await get('/api/v1/reports/mot-cua/2026-Q1?top=1')).json()
    expect(first.units.map((u: { agency: string }) => u.agency)).toEqual(['SNV', 'XA-A'])
    expect(first.units).toEqual([report.units[0], report.units[2]])
    expect(first.unitTotals).toEqual({ ranked: 2, insufficient: 1 })
    const { units: _units, unitTotals: _totals, ...rest } = first
    const { units: _all, ...whole } = report
    expect(rest).toEqual(whole)
    // Nothing left out: the whole report, without totals, so the page need not ask again.
    expect(await (await get('/api/v1/reports/mot-cua/2026-Q1?top=2')).json()).toEqual(report)
    for (const bad of ['0', 'abc', '1.5']) {
      const res = await get(`/api/v1/reports/mot-cua/2026-Q1?top=${bad}`)
      expect(res.status).toBe(400)
      const body = await res.json()
      expect(body.error.details[0]).toMatchObject({ field: 'query.top' })
      expect(body.error.message.vi).toBeTruthy()
      expect(body.error.message.en).toBeTruthy()
    }
    // One agency's row, for its own page: the same row as in the whole ranking, and nothing of another agency.
    const one = await (await get('/api/v1/reports/mot-cua/2026-Q1?agency=STP')).json()
    expect(one.units).toEqual([report.units.find((u: { agency: string }) => u.agency === 'STP')])
    expect(one.overall).toEqual(report.overall)
    expect((await (await get('/api/v1/reports/mot-cua/2026-Q1?agency=KHONG-CO')).json()).units).toEqual([])
    // An export is the whole report: top is not one of its options.
    expect((await get('/api/v1/reports/mot-cua/2026-Q1/export.csv?top=1')).status).toBe(400)
    await close()
  })

  it('refuses a bad period on the command line with a clear message', async () => {
    const res = await runCli(['report', '--survey', 'mot-cua', '--period', 'Q1/2026'], env)
    expect(res.code).toBe(1)
    expect(res.stderr).toMatch(/2026-Q1/)
  })
})
