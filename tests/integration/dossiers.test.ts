import { randomUUID } from 'node:crypto'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { makeAgency, makeApiKey, makeDesk, post, signIn } from '../helpers/factories.ts'

/**
 * One quarter of a one-stop desk, hand-computed (2026-Q2, minimum sample 2):
 * STP returns 6 dossiers at MC-01 (D1–D3 received by officer CB01, D4 by CB02, D7–D8 by nobody named),
 * D5 is received but not returned, D6 was returned in Q1. MC-02 returns none. SYT sends no dossier data.
 * mot-cua answers at STP: receipt codes of D1 (staff 5), D2 (staff 2), D4 (staff 4), the desk link at MC-01,
 * one paper form at MC-02 → 5 evaluations ÷ 6 dossiers = 83.33 % (qr 4 → 66.67 %, paper 1 → 16.67 %);
 * MC-01: 4 ÷ 6 = 66.67 %; MC-02: no dossiers → no rate. CB01: 2 ÷ 3; CB02: 1 ÷ 1.
 * tt01-2018 through receipt codes: D1 (CB01) 2,2,2,2,2; D3 (CB01) 1,2,1,2,1; D4 (CB02) 0,1,2,–,2; D7 2,1,0,1,2
 * → STP cs1 5/4 = 1.25 → 1.3, cs2 6/4 = 1.5, cs3 5/4 = 1.25 → 1.3, cs4 5/3 → 1.7, cs7 7/4 = 1.75 → 1.8,
 * total 7.6; CB01 1.5, 2, 1.5, 2, 1.5 → 8.5; CB02 has 1 evaluation, below the minimum sample: withheld.
 */
const code = (n: number) => `H40.175.01-26040${Math.min(n, 9)}-AB${String(n).padStart(4, '0')}`
const [D1, D2, D3, D4, D5, D6, D7, D8] = [1, 2, 3, 4, 5, 6, 7, 8].map(code) as [string, string, string, string, string, string, string, string]
const D = { D1, D2, D3, D4, D5, D6, D7, D8 }

let t: TestApp
let key: string
let stp: { id: number; code: string }
let syt: { id: number; code: string }
let mc01: { id: number; code: string; token: string }
const events = (list: unknown[], k = key) => post(t.app, '/api/v1/dossiers/events', { events: list }, k)
const mint = (body: Record<string, unknown>) => post(t.app, '/api/v1/invitations', { agency: 'STP', desk: 'MC-01', qr: [], ...body }, key)
const answer = (token: string, survey: string, answers: Record<string, unknown>) => post(t.app, '/api/v1/responses', { submissionId: randomUUID(), survey, answers }, token)
const get = async (path: string, headers: Record<string, string>) => {
  const res = await t.app.request(path, { headers })
  return { status: res.status, body: res.headers.get('Content-Type')?.includes('json') ? ((await res.json()) as any) : await res.arrayBuffer() }
}
const returned = (dossier: string, officer: string | undefined, at: string) => ({
  type: 'returned',
  dossier,
  agency: 'STP',
  desk: 'MC-01',
  at,
  receivedAt: '2026-04-01T08:00:00+07:00',
  ...(officer ? { officer } : {}),
})

beforeAll(async () => {
  t = await createTestApp({ minSample: 2 })
  const province = await makeAgency(t.db, { code: 'TINH', kind: 'province' })
  stp = await makeAgency(t.db, { code: 'STP', name: 'Sở Tư pháp', parentId: province.id })
  syt = await makeAgency(t.db, { code: 'SYT', name: 'Sở Y tế', parentId: province.id })
  mc01 = await makeDesk(t.db, stp.id, 'MC-01')
  await makeDesk(t.db, stp.id, 'MC-02')
  key = (await makeApiKey(t.db, province.id)).key

  const first = await events([
    { type: 'received', dossier: D.D1, agency: 'STP', desk: 'MC-01', officer: 'CB01', procedure: '1.001234', at: '2026-04-01T08:00:00+07:00' },
    returned(D.D1, 'CB01', '2026-04-10T09:00:00+07:00'),
    returned(D.D2, 'CB01', '2026-04-11T09:00:00+07:00'),
    returned(D.D3, 'CB01', '2026-04-12T09:00:00+07:00'),
    returned(D.D4, 'CB02', '2026-04-12T10:00:00+07:00'),
    { type: 'received', dossier: D.D5, agency: 'STP', desk: 'MC-01', officer: 'CB01', at: '2026-05-02T08:00:00+07:00' },
    { type: 'returned', dossier: D.D6, agency: 'STP', desk: 'MC-01', at: '2026-03-20T08:00:00+07:00' },
    returned(D.D7, undefined, '2026-04-20T09:00:00+07:00'),
    returned(D.D8, undefined, '2026-04-21T09:00:00+07:00'),
  ])
  expect(first.status).toBe(200)
  expect(first.body.results.map((r: any) => r.status)).toEqual(['created', 'updated', 'created', 'created', 'created', 'created', 'created', 'created', 'created'])

  for (const [dossier, answers] of [
    [D.D1, { overall: 5, staff: 5 }],
    [D.D2, { overall: 4, staff: 2 }],
    [D.D4, { overall: 3, staff: 4 }],
  ] as const) {
    const m = await mint({ dossier })
    expect(m.status).toBe(201)
    expect((await answer(m.body.token, 'mot-cua@1', answers)).status).toBe(201)
  }
  for (const [dossier, answers] of [
    [D.D1, { cs1: 2, cs2: 2, cs3: 2, cs4: 2, cs7: 2 }],
    [D.D3, { cs1: 1, cs2: 2, cs3: 1, cs4: 2, cs7: 1 }],
    [D.D4, { cs1: 0, cs2: 1, cs3: 2, cs7: 2 }],
    [D.D7, { cs1: 2, cs2: 1, cs3: 0, cs4: 1, cs7: 2 }],
  ] as const) {
    const m = await mint({ dossier, survey: 'tt01-2018' })
    expect(m.status).toBe(201)
    expect((await answer(m.body.token, 'tt01-2018@1', answers)).status).toBe(201)
  }
  expect((await answer(mc01.token, 'mot-cua@1', { overall: 5 })).status).toBe(201)
  const admin = await signIn(t)
  const form = new FormData()
  const csv = [
    'submission_id,survey,agency,desk,channel,submitted_at,overall,staff,time,reasons,comment',
    `${randomUUID()},mot-cua@1,STP,MC-02,paper,2026-04-15,4,,,,`,
    `${randomUUID()},mot-cua@1,SYT,,paper,2026-04-15,5,,,,`,
  ].join('\n')
  form.set('file', new File([csv], 'phieu.csv', { type: 'text/csv' }))
  const imported = await t.app.request('/api/v1/admin/imports/responses', { method: 'POST', headers: admin.headers, body: form })
  expect(imported.status).toBe(200)
})
afterAll(() => t.close())

describe('dossier events (integration API)', () => {
  it('counts the same event sent twice once, in another call or in the same batch', async () => {
    const again = await events([returned(D.D2, 'CB01', '2026-04-11T09:00:00+07:00'), returned(D.D2, 'CB01', '2026-04-11T02:00:00Z')])
    expect(again.body.results.map((r: any) => r.status)).toEqual(['duplicate', 'duplicate'])
    const admin = await signIn(t)
    const detail = await get('/api/v1/dashboard/agencies/STP?survey=mot-cua&period=2026-Q2', admin.headers)
    expect(detail.body.responseRate.agency.dossiers).toBe(6)
  })

  it('answers a contradicting event as a conflict and changes nothing', async () => {
    const r = await events([returned(D.D3, 'CB02', '2026-04-12T09:00:00+07:00')])
    expect(r.body.results[0]).toMatchObject({
      status: 'conflict',
      message: { vi: expect.stringContaining('công chức tiếp nhận'), en: expect.stringContaining('receiving officer') },
    })
  })

  it('refuses a malformed dossier code with the national format in the message, and stores nothing', async () => {
    const before = await t.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    for (const bad of ['H12.34-260510-0001', 'H40.175.01-261340-AB0001', '000.00.18.H40-260510-0001']) {
      const r = await events([returned(D.D8, undefined, '2026-04-21T09:00:00+07:00'), { type: 'received', dossier: bad, agency: 'STP', at: '2026-04-02T08:00:00+07:00' }])
      expect(r.status).toBe(400)
      expect(r.body.error.details).toEqual([expect.objectContaining({ field: 'events.1.dossier' })])
      expect(r.body.error.details[0].message.vi).toContain('MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX')
      expect(r.body.error.details[0].message.en).toContain('MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX')
    }
    const minted = await mint({ dossier: 'HS-7' })
    expect(minted.status).toBe(400)
    expect(minted.body.error.details[0]).toMatchObject({ field: 'dossier', code: 'invalid_dossier_code' })
    expect(minted.body.error.details[0].message.en).toContain('MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX')
    const after = await t.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('accepts an older provincial format only when configured (environment or settings)', async () => {
    const legacy = { type: 'received', dossier: '000.00.18.H40-251120-0001', agency: 'SYT', at: '2026-04-02T08:00:00+07:00' }
    expect((await events([legacy])).status).toBe(400)
    const configured = createApp({ db: t.db, databaseKind: t.kind, clock: t.clock, timeZone: 'Asia/Ho_Chi_Minh', minSample: 2, dossierFormats: ['tt01-2018'] })
    const r = await post(configured, '/api/v1/dossiers/events', { events: [legacy] }, key)
    expect(r.body.results[0].status).toBe('created')
    await t.db
      .insertInto('settings')
      .values({ key: 'dossier.formats', value: JSON.stringify({ legacy: ['^H\\d{2}\\.\\d{2}-\\d{6}-\\d{4}$'] }) })
      .execute()
    const provincial = await events([{ ...legacy, dossier: 'H12.34-251120-0002' }])
    expect(provincial.body.results[0].status).toBe('created')
    await t.db.deleteFrom('settings').where('key', '=', 'dossier.formats').execute()
    // These were SYT's only dossiers, received not returned: its response rate stays "no dossier data".
  })

  it('refuses an agency outside the key, a missing key, and keeps dossier codes only as hashes', async () => {
    const other = await makeAgency(t.db, { code: 'KHAC' })
    const narrow = (await makeApiKey(t.db, stp.id)).key
    const r = await events([{ type: 'received', dossier: code(9), agency: other.code, at: '2026-04-02T08:00:00+07:00' }], narrow)
    // Outside the key reads exactly as an unknown agency: the key's holder learns no other agency's codes.
    expect(r.body.error.details[0]).toMatchObject({ field: 'events.0.agency', code: 'unknown_agency' })
    expect((await post(t.app, '/api/v1/dossiers/events', { events: [] })).status).toBe(401)
    const stored = JSON.stringify(await t.db.selectFrom('dossiers').selectAll().execute())
    for (const d of Object.values(D)) expect(stored).not.toContain(d)
  })
})

describe('response rate', () => {
  it('per agency, desk and channel, with n, on the agency page; a desk with no dossiers has no rate', async () => {
    const admin = await signIn(t)
    const d = (await get('/api/v1/dashboard/agencies/STP?survey=mot-cua&period=2026-Q2', admin.headers)).body
    expect(d.responseRate.agency).toMatchObject({ dossierData: true, dossiers: 6, evaluations: 5 })
    expect(d.responseRate.agency.rate).toBeCloseTo(83.3333, 3)
    expect(d.responseRate.agency.byChannel.qr.n).toBe(4)
    expect(d.responseRate.agency.byChannel.qr.rate).toBeCloseTo(66.6667, 3)
    expect(d.responseRate.agency.byChannel.paper.rate).toBeCloseTo(16.6667, 3)
    const byDesk = Object.fromEntries(d.responseRate.byDesk.map((x: any) => [x.desk?.code ?? '-', x]))
    expect(byDesk['MC-01']).toMatchObject({ dossiers: 6, evaluations: 4 })
    expect(byDesk['MC-01'].rate).toBeCloseTo(66.6667, 3)
    expect(byDesk['MC-02']).toMatchObject({ dossierData: false, dossiers: 0, evaluations: 1, rate: null })
    const syt = (await get('/api/v1/dashboard/agencies/SYT?survey=mot-cua&period=2026-Q2', admin.headers)).body
    expect(syt.responseRate.agency).toMatchObject({ dossierData: false, rate: null, evaluations: 1 })
    // Q1 has D6 returned and no answers: 0 %, not "no data".
    const q1 = (await get('/api/v1/dashboard/agencies/STP?survey=mot-cua&period=2026-Q1', admin.headers)).body
    expect(q1.responseRate.agency).toMatchObject({ dossierData: true, dossiers: 1, evaluations: 0, rate: 0 })
  })

  it('in the report JSON per unit and for the agencies that send dossiers together, and in the XLSX', async () => {
    const admin = await signIn(t)
    const report = (await get('/api/v1/reports/mot-cua/2026-Q2', admin.headers)).body
    const unit = (c: string) => report.units.find((u: any) => u.agency === c)
    expect(unit('STP').responseRate).toMatchObject({ dossierData: true, dossiers: 6, evaluations: 5 })
    expect(unit('SYT').responseRate).toMatchObject({ dossierData: false, rate: null })
    expect(report.overall.responseRate).toMatchObject({ dossiers: 6, evaluations: 5 })
    const kiosk = (await get('/api/v1/reports/mot-cua/2026-Q2?channel=paper', admin.headers)).body
    expect(kiosk.units.find((u: any) => u.agency === 'STP').responseRate).toMatchObject({ dossiers: 6, evaluations: 1 })
    const xlsx = await get('/api/v1/reports/mot-cua/2026-Q2/export.xlsx', admin.headers)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx.body as ArrayBuffer)
    const sheet = wb.getWorksheet('Tỷ lệ đánh giá')!
    const rows = sheet
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1))
    expect(rows.find((r) => r[0] === 'STP')).toEqual(expect.arrayContaining(['STP', 6, 5, 83.33]))
    expect(rows.find((r) => r[0] === 'SYT')).toContain('chưa có dữ liệu hồ sơ')
  })
})

describe('per-officer results', () => {
  it('admins see every officer with TT01 indicators, the staff question and the rate; below the minimum sample, n only', async () => {
    const admin = await signIn(t)
    const r = await get('/api/v1/officers?period=2026-Q2', admin.headers)
    expect(r.status).toBe(200)
    const by = Object.fromEntries(r.body.officers.map((o: any) => [o.code, o]))
    expect(by.CB01).toMatchObject({
      displayName: null,
      agency: { code: 'STP' },
      tt01: { n: 2, sufficient: true, total: 8.5, indicators: { cs1: 1.5, cs2: 2, cs3: 1.5, cs4: 2, cs7: 1.5 } },
    })
    expect(by.CB01.staff).toMatchObject({ n: 2, sufficient: true, share: 50 })
    expect(by.CB01.responseRate).toMatchObject({ dossiers: 3, evaluations: 2 })
    expect(by.CB02.tt01).toMatchObject({ n: 1, sufficient: false, total: null, indicators: { cs1: null } })
    expect(by.CB02.staff).toMatchObject({ n: 1, sufficient: false, share: null })
    expect(by.CB02.responseRate).toMatchObject({ dossiers: 1, evaluations: 1, rate: 100 })
  })

  it('a manager sees only the officers of their agency, a viewer none, and every view is audited', async () => {
    const stpManager = await signIn(t, 'manager', stp.id)
    const sytManager = await signIn(t, 'manager', syt.id)
    const viewer = await signIn(t, 'viewer', null)
    expect((await get('/api/v1/officers?period=2026-Q2', stpManager.headers)).body.officers.map((o: any) => o.code).sort()).toEqual(['CB01', 'CB02'])
    expect((await get('/api/v1/officers?period=2026-Q2', sytManager.headers)).body.officers).toEqual([])
    expect((await get('/api/v1/officers?period=2026-Q2&agency=STP', sytManager.headers)).status).toBe(404)
    expect((await get('/api/v1/officers?period=2026-Q2', viewer.headers)).status).toBe(403)
    expect((await get('/api/v1/officers/one-stop-report?period=2026-Q2', viewer.headers)).status).toBe(403)
    const log = await t.db.selectFrom('audit_log').select(['actor', 'action', 'target']).where('action', 'like', 'officers.%').execute()
    expect(log.filter((e) => e.actor === `user:${stpManager.username}`)).toEqual([{ actor: `user:${stpManager.username}`, action: 'officers.view', target: 'officers:*/2026-Q2' }])
    expect(log.filter((e) => e.actor === `user:${sytManager.username}`)).toHaveLength(1)
    expect(log.some((e) => e.actor === `user:${viewer.username}`)).toBe(false)
  })

  it('staff may give an officer a display name (audited); the one-stop software never sends one', async () => {
    const manager = await signIn(t, 'manager', stp.id)
    const list = (await get('/api/v1/officers?period=2026-Q2', manager.headers)).body.officers
    const cb01 = list.find((o: any) => o.code === 'CB01')
    const res = await t.app.request(`/api/v1/officers/${cb01.id}`, {
      method: 'PATCH',
      headers: { ...manager.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ displayName: 'Nguyễn Thị Uyên' }),
    })
    expect(res.status).toBe(200)
    const again = (await get('/api/v1/officers?period=2026-Q2', manager.headers)).body.officers.find((o: any) => o.code === 'CB01')
    expect(again.displayName).toBe('Nguyễn Thị Uyên')
    expect(await t.db.selectFrom('audit_log').select('action').where('action', '=', 'officer.rename').execute()).toHaveLength(1)
    const other = await signIn(t, 'manager', syt.id)
    const refused = await t.app.request(`/api/v1/officers/${cb01.id}`, {
      method: 'PATCH',
      headers: { ...other.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ displayName: 'X' }),
    })
    expect(refused.status).toBe(404)
    const bad = await events([{ type: 'received', dossier: code(9), agency: 'STP', officer: 'CB03', name: 'Trần Văn A', at: '2026-04-02T08:00:00+07:00' }])
    expect(bad.status).toBe(400)
  })
})

describe('TT01 one-stop evaluation report', () => {
  it('matches the hand-computed fixture per agency and per officer, as JSON and XLSX', async () => {
    const admin = await signIn(t)
    const r = (await get('/api/v1/officers/one-stop-report?period=2026-Q2&agency=STP', admin.headers)).body
    expect(r.indicators).toEqual(['cs1', 'cs2', 'cs3', 'cs4', 'cs7'])
    expect(r.agencies).toHaveLength(1)
    expect(r.agencies[0]).toMatchObject({ code: 'STP', tt01: { n: 4, total: 7.6, indicators: { cs1: 1.3, cs2: 1.5, cs3: 1.3, cs4: 1.7, cs7: 1.8 }, indicatorsN: { cs4: 3 } } })
    expect(r.agencies[0].responseRate).toMatchObject({ dossiers: 6, evaluations: 4 })
    const cb01 = r.officers.find((o: any) => o.code === 'CB01')
    expect(cb01.tt01).toMatchObject({ n: 2, total: 8.5 })
    expect(cb01.responseRate).toMatchObject({ dossiers: 3, evaluations: 2 })
    const xlsx = await get('/api/v1/officers/one-stop-report/export.xlsx?period=2026-Q2&agency=STP', admin.headers)
    expect(xlsx.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx.body as ArrayBuffer)
    const agencyRow = (wb.getWorksheet('Cơ quan')!.getRow(2).values as unknown[]).slice(1)
    expect(agencyRow).toEqual(['STP', 'Sở Tư pháp', 4, 1.3, 1.5, 1.3, 1.7, 1.8, 7.6, 6, 66.67])
    const officerRows = wb
      .getWorksheet('Công chức')!
      .getSheetValues()
      .filter(Boolean)
      .map((row) => (row as unknown[]).slice(1))
    expect(officerRows.find((row) => row[0] === 'CB02')).toEqual(expect.arrayContaining(['CB02', 'STP', 1, 'chưa đủ mẫu']))
    const log = await t.db.selectFrom('audit_log').select('action').where('actor', '=', `user:${admin.username}`).where('action', 'like', 'officers.%').execute()
    expect(log.map((e) => e.action)).toEqual(['officers.report', 'officers.report.export'])
  })
})

describe('OpenAPI', () => {
  it('documents dossier events and the dossier fields of receipt codes, from the Zod schemas', async () => {
    const doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as any
    expect(doc.paths['/api/v1/dossiers/events'].post.security).toEqual([{ apiKey: [] }])
    const event = doc.components.schemas.DossierEventBatch.properties.events.items
    expect(Object.keys(event.properties)).toEqual(expect.arrayContaining(['type', 'at', 'dossier', 'procedure', 'desk', 'agency', 'officer', 'receivedAt']))
    expect(event.properties.dossier.description).toContain('MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX')
    expect(Object.keys(doc.components.schemas.InvitationInput.properties)).toEqual(expect.arrayContaining(['officer', 'receivedAt']))
    expect(doc.components.schemas.DossierEventResults.properties.results.items.properties.status.enum).toEqual(['created', 'updated', 'duplicate', 'conflict'])
  })
})
