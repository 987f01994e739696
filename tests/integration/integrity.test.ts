import { randomUUID } from 'node:crypto'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rebuildRollups } from '../../server/rollups/rebuild.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { jsonRequest, makeAgency, makeApiKey, makeDesk, makePairedKiosk, post, signIn, submission } from '../helpers/factories.ts'

// Wednesday 25 March 2026, 10:00 in Hà Nội: the tablets are paired in 2026-Q1.
const PAIRED = '2026-03-25T03:00:00.000Z'
let t: TestApp
let province: { id: number; code: string }
let snv: { id: number; code: string }
let stp: { id: number; code: string }
let snvDesk: { id: number; token: string }
let stpDesk: { id: number; token: string }
beforeEach(async () => {
  t = await createTestApp({ now: PAIRED, minSample: 2 })
  province = await makeAgency(t.db, { code: 'TINH', name: 'Tỉnh Sơn La', kind: 'province' })
  snv = await makeAgency(t.db, { code: 'SNV', name: 'Sở Nội vụ', parentId: province.id })
  stp = await makeAgency(t.db, { code: 'STP', name: 'Sở Tư pháp', parentId: province.id })
  snvDesk = await makeDesk(t.db, snv.id, 'MC-01')
  stpDesk = await makeDesk(t.db, stp.id, 'TP-01')
})
afterEach(() => t.close())

const pairedKiosk = (deskId: number) => makePairedKiosk(t, deskId)
/** Kiosk ratings tapped ten minutes apart from `from`, alternating 5 and 4 (no burst, no run of top ratings). */
async function rate(secret: string, from: string, ratings: number[]) {
  const items = ratings.map((overall, i) => submission({ overall }, { givenAt: new Date(Date.parse(from) + i * 600_000).toISOString() }))
  const res = await post(t.app, '/api/v1/responses/batch', { items }, secret)
  expect(res.status).toBe(200)
  return res.body.results as Array<{ status: string; submissionId: string }>
}
async function json(path: string, headers: Record<string, string>) {
  const res = await t.app.request(path, { headers })
  return { status: res.status, text: await res.clone().text(), body: (await res.json()) as any }
}
const responseId = async (submissionId: string) => (await t.db.selectFrom('responses').select('id').where('submission_id', '=', submissionId).executeTakeFirstOrThrow()).id

describe('channel binding: every channel refuses surveys it is not assigned', () => {
  it('a desk link, a kiosk and a receipt code take only their own survey version', async () => {
    const kiosk = await pairedKiosk(snvDesk.id)
    const sipas = (await new SurveyCatalog(t.db).byKey('sipas-2017@1'))!
    const sipasAnswers = { [sipas.definition.pages[0]!.questions[0]!.id]: 5 }

    const link = await post(t.app, '/api/v1/responses', { submissionId: randomUUID(), survey: 'sipas-2017@1', answers: sipasAnswers }, snvDesk.token)
    expect(link.status).toBe(400)
    expect(link.body.error.code).toBe('survey_not_allowed')
    expect(link.body.error.message.vi).toContain('sipas-2017@1')
    expect(link.body.error.message.en).toContain('does not take')
    expect((await post(t.app, '/api/v1/responses', submission({ overall: 4 }), snvDesk.token)).status).toBe(201)

    const tablet = await post(t.app, '/api/v1/responses', { submissionId: randomUUID(), survey: 'tt01-2018@1', answers: {} }, kiosk.secret)
    expect(tablet.status).toBe(400)
    expect(tablet.body.error.code).toBe('survey_not_allowed')

    const key = await makeApiKey(t.db, snv.id)
    const minted = await post(t.app, '/api/v1/invitations', { agency: 'SNV', survey: 'mot-cua' }, key.key)
    expect(minted.status).toBe(201)
    const receipt = await post(t.app, '/api/v1/responses', { submissionId: randomUUID(), survey: 'sipas-2017@1', answers: sipasAnswers }, minted.body.token)
    expect(receipt.status).toBe(400)
    expect(receipt.body.error.code).toBe('survey_not_allowed')
    expect(await t.db.selectFrom('responses').select('id').execute()).toHaveLength(1)
  })

  it('a kiosk whose desk switched survey still delivers what it queued under the old version, and nothing newer', async () => {
    const kiosk = await pairedKiosk(snvDesk.id)
    const admin = await signIn(t, 'admin')
    t.clock.advance(3600_000)
    const queued = submission({ overall: 4 }, { givenAt: new Date(t.clock.now().getTime() - 60_000).toISOString() })
    const put = await t.app.request(`/api/v1/admin/desks/${snvDesk.id}/surveys`, jsonRequest(admin.headers, { kiosk: 'sipas-2017@1' }, 'PUT'))
    expect(put.status).toBe(200)
    t.clock.advance(120_000)
    const drained = await post(t.app, '/api/v1/responses/batch', { items: [queued] }, kiosk.secret)
    expect(drained.body.results[0].status).toBe('created')
    const after = await post(t.app, '/api/v1/responses', submission({ overall: 4 }, { givenAt: t.clock.now().toISOString() }), kiosk.secret)
    expect(after.status).toBe(400)
    expect(after.body.error.code).toBe('survey_not_allowed')
  })
})

describe('believable kiosk timestamps', () => {
  it('refuses a time before pairing, holds one older than 14 days for review, and a revoked tablet adds nothing new', async () => {
    const kiosk = await pairedKiosk(snvDesk.id)
    const early = await post(t.app, '/api/v1/responses', submission({ overall: 5 }, { givenAt: '2019-01-15T03:00:00.000Z' }), kiosk.secret)
    expect(early.status).toBe(400)
    expect(early.body.error.details[0]).toMatchObject({ field: 'givenAt', code: 'given_at_before_pairing' })
    const yearOne = await post(t.app, '/api/v1/responses', submission({ overall: 5 }, { givenAt: '0001-01-01T00:00:00.000Z' }), kiosk.secret)
    expect(yearOne.status).toBe(400)

    t.clock.set('2026-05-11T03:00:00.000Z')
    const stale = await post(t.app, '/api/v1/responses', submission({ overall: 5 }, { givenAt: '2026-03-26T03:00:00.000Z' }), kiosk.secret)
    expect(stale.status).toBe(201)
    const row = await t.db.selectFrom('responses').select(['is_flagged', 'flag_reason']).executeTakeFirstOrThrow()
    expect(row).toEqual({ is_flagged: 1, flag_reason: 'stale' })
    const admin = await signIn(t, 'admin')
    expect((await json('/api/v1/reports/mot-cua/2026-Q1', admin.headers)).body.overall.n).toBe(0)

    expect((await t.app.request(`/api/v1/kiosks/${kiosk.id}/revoke`, jsonRequest(admin.headers))).status).toBe(200)
    t.clock.advance(60_000)
    const afterRevoke = await post(t.app, '/api/v1/responses', submission({ overall: 5 }, { givenAt: t.clock.now().toISOString() }), kiosk.secret)
    expect(afterRevoke.status).toBe(403)
  })
})

describe('exclusions need two people', () => {
  it("a manager's exclusion changes nothing until an independent admin approves; the measured agency's admins cannot", async () => {
    const kiosk = await pairedKiosk(snvDesk.id)
    t.clock.set('2026-03-30T03:00:00.000Z')
    const stored = await rate(kiosk.secret, '2026-03-30T01:00:00.000Z', [5, 4, 2, 5])
    const target = await responseId(stored[2]!.submissionId)
    const manager = await signIn(t, 'manager', snv.id)
    const snvAdmin = await signIn(t, 'admin', null, snv.id)
    const noHome = await signIn(t, 'admin', null, null)
    const independent = await signIn(t, 'admin', null, province.id)
    const report = async () => (await json('/api/v1/reports/mot-cua/2026-Q1', independent.headers)).body

    expect((await report()).units[0]).toMatchObject({ agency: 'SNV', n: 4, index: 75 })
    const proposed = await t.app.request('/api/v1/moderation/exclusions', jsonRequest(manager.headers, { responseId: target, reason: 'fraud', note: 'Cán bộ tự chấm' }))
    expect(proposed.status).toBe(201)
    const { id } = (await proposed.json()) as any
    expect((await report()).units[0]).toMatchObject({ n: 4, index: 75 })

    const byManager = await t.app.request(`/api/v1/moderation/exclusions/${id}/approve`, jsonRequest(manager.headers, {}))
    expect(byManager.status).toBe(403)
    const bySnv = await t.app.request(`/api/v1/moderation/exclusions/${id}/approve`, jsonRequest(snvAdmin.headers, {}))
    expect(bySnv.status).toBe(403)
    expect(((await bySnv.json()) as any).error).toMatchObject({ code: 'conflict_of_interest', message: { vi: expect.stringContaining('cơ quan được đánh giá') } })
    const byUnknown = await t.app.request(`/api/v1/moderation/exclusions/${id}/approve`, jsonRequest(noHome.headers, {}))
    expect(((await byUnknown.json()) as any).error.code).toBe('home_agency_unknown')
    expect((await report()).units[0]).toMatchObject({ n: 4, index: 75 })

    const queue = (await json('/api/v1/moderation/queue', independent.headers)).body
    expect(queue.proposals).toHaveLength(1)
    expect(queue.proposals[0]).toMatchObject({ agency: 'SNV', reason: 'fraud', note: 'Cán bộ tự chấm', refusal: null })
    const approved = await t.app.request(`/api/v1/moderation/exclusions/${id}/approve`, jsonRequest(independent.headers, { note: 'Đã xác minh' }))
    expect(approved.status).toBe(200)
    const after = await report()
    expect(after.units[0]).toMatchObject({ n: 3, index: 100, excluded: { fraud: 1 } })
    expect(after.excluded).toEqual({ fraud: 1 })
    const again = await t.app.request(`/api/v1/moderation/exclusions/${id}/approve`, jsonRequest(independent.headers, {}))
    expect(again.status).toBe(409)

    const actions = (await t.db.selectFrom('audit_log').select(['action', 'target']).where('action', 'like', 'exclusion.%').orderBy('id').execute()).map((a) => a.action)
    expect(actions).toEqual(['exclusion.propose', 'exclusion.approve'])
    const xlsx = await t.app.request('/api/v1/reports/mot-cua/2026-Q1/export.xlsx', { headers: independent.headers })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await xlsx.arrayBuffer())
    const sheet = wb.getWorksheet('Phiếu loại trừ')!
    expect(sheet.getRow(1).values).toEqual([undefined, 'Mã cơ quan', 'Tên cơ quan', 'Tổng số phiếu loại trừ', 'Gian lận'])
    expect(sheet.getRow(3).values).toEqual([undefined, 'SNV', 'Sở Nội vụ', 1, 1])
    const agencyPage = (await json('/api/v1/dashboard/agencies/SNV?survey=mot-cua&period=2026-Q1', independent.headers)).body
    expect(agencyPage.credibility).toMatchObject({ excluded: 1, excludedByReason: { fraud: 1 } })
  })

  it('the proposer cannot approve their own proposal, and may withdraw it; hiding a text keeps the rating', async () => {
    const kiosk = await pairedKiosk(stpDesk.id)
    t.clock.set('2026-03-30T03:00:00.000Z')
    const [one] = await rate(kiosk.secret, '2026-03-30T01:00:00.000Z', [5])
    await post(t.app, '/api/v1/responses', submission({ overall: 2, reasons: ['wait'], comment: 'Số điện thoại 0912345678' }), stpDesk.token)
    const target = await responseId(one!.submissionId)
    const admin = await signIn(t, 'admin', null, province.id)
    const res = await t.app.request('/api/v1/moderation/exclusions', jsonRequest(admin.headers, { responseId: target, reason: 'spam', note: 'Vô nghĩa' }))
    const { id } = (await res.json()) as any
    const own = await t.app.request(`/api/v1/moderation/exclusions/${id}/approve`, jsonRequest(admin.headers, {}))
    expect(own.status).toBe(403)
    expect(((await own.json()) as any).error.code).toBe('own_proposal')
    expect((await t.app.request(`/api/v1/moderation/exclusions/${id}/withdraw`, jsonRequest(admin.headers))).status).toBe(200)
    expect((await json('/api/v1/moderation/queue', admin.headers)).body.proposals).toHaveLength(0)

    const noReason = await t.app.request('/api/v1/moderation/exclusions', jsonRequest(admin.headers, { responseId: target, reason: 'spam', note: '' }))
    expect(noReason.status).toBe(400)

    const comment = (await json('/api/v1/dashboard/comments', admin.headers)).body.items[0]
    const hide = await t.app.request(`/api/v1/moderation/responses/${comment.responseId}/text`, jsonRequest(admin.headers, { hidden: true, reason: 'Dữ liệu cá nhân' }))
    expect(hide.status).toBe(200)
    const listed = (await json('/api/v1/dashboard/comments', admin.headers)).body.items[0]
    expect(listed).toMatchObject({ text: null, textHidden: true, rating: 2 })
    expect((await json('/api/v1/dashboard/comments?q=0912', admin.headers)).body.total).toBe(0)
    expect((await json('/api/v1/reports/mot-cua/2026-Q1', admin.headers)).body.overall.n).toBe(2)
    expect(await t.db.selectFrom('audit_log').select('action').where('action', 'in', ['exclusion.propose', 'exclusion.withdraw', 'comment.hide']).execute()).toHaveLength(3)
  })
})

describe('closing and publishing a quarter', () => {
  it("a closed quarter's report is byte-identical after late arrivals, exclusions and a rollup rebuild, and differs only after a reopen", async () => {
    const kiosk = await pairedKiosk(snvDesk.id)
    const other = await pairedKiosk(stpDesk.id)
    t.clock.set('2026-03-30T03:00:00.000Z')
    await rate(kiosk.secret, '2026-03-30T01:00:00.000Z', [5, 4, 2])
    const stpRatings = await rate(other.secret, '2026-03-30T01:00:00.000Z', [5, 2, 1])
    const early = await signIn(t, 'admin', null, province.id)
    const tooSoon = await t.app.request('/api/v1/periods/mot-cua/2026-Q1/close', jsonRequest(early.headers))
    expect(tooSoon.status).toBe(409)
    expect(((await tooSoon.json()) as any).error.code).toBe('quarter_not_ended')

    t.clock.set('2026-04-06T03:00:00.000Z')
    const admin = await signIn(t, 'admin', null, province.id)
    const manager = await signIn(t, 'manager', stp.id)
    expect((await t.app.request('/api/v1/periods/mot-cua/2026-Q1/close', jsonRequest(manager.headers))).status).toBe(403)
    const closed = await t.app.request('/api/v1/periods/mot-cua/2026-Q1/close', jsonRequest(admin.headers))
    expect(closed.status).toBe(200)
    const status = (await closed.json()) as any
    expect(status).toMatchObject({ closed: true, snapshot: { version: 1, method: 'share', surveyVersions: ['mot-cua@1'] }, late: 0 })
    const before = await json('/api/v1/reports/mot-cua/2026-Q1', admin.headers)
    expect(before.body.units.map((u: any) => [u.agency, u.n])).toEqual([
      ['SNV', 3],
      ['STP', 3],
    ])
    // A filtered view reads the frozen counters; the response rate beside it (dossiers returned) stays live.
    const figuresOnly = (text: string) => JSON.stringify(JSON.parse(text, (k, v) => (k === 'responseRate' ? undefined : v)))
    const filteredBefore = figuresOnly((await json('/api/v1/reports/mot-cua/2026-Q1?channel=kiosk', admin.headers)).text)
    t.clock.advance(60_000)

    // Late: a tablet's queue tapped on 31 March arrives in April; it is stored, marked late, not added.
    const late = await rate(kiosk.secret, '2026-03-31T02:00:00.000Z', [5, 5])
    expect(late.map((r) => r.status)).toEqual(['created', 'created'])
    expect(await t.db.selectFrom('responses').select('id').where('is_late', '=', 1).execute()).toHaveLength(2)
    // An exclusion approved after closing is kept out of the frozen figures too.
    const proposal = (await (
      await t.app.request(
        '/api/v1/moderation/exclusions',
        jsonRequest(manager.headers, { responseId: await responseId(stpRatings[2]!.submissionId), reason: 'spam', note: 'Phiếu rác' }),
      )
    ).json()) as any
    const decided = await t.app.request(`/api/v1/moderation/exclusions/${proposal.id}/approve`, jsonRequest(admin.headers, {}))
    expect(((await decided.json()) as any).afterClose).toBe(true)
    await rebuildRollups(t.db, new SurveyCatalog(t.db), 'Asia/Ho_Chi_Minh')

    const after = await json('/api/v1/reports/mot-cua/2026-Q1', admin.headers)
    expect(after.text).toBe(before.text)
    expect(figuresOnly((await json('/api/v1/reports/mot-cua/2026-Q1?channel=kiosk', admin.headers)).text)).toBe(filteredBefore)
    const xlsx = await t.app.request('/api/v1/reports/mot-cua/2026-Q1/export.xlsx', { headers: admin.headers })
    expect(xlsx.status).toBe(200)
    const lateStatus = (await json('/api/v1/periods/mot-cua/2026-Q1', admin.headers)).body
    expect(lateStatus).toMatchObject({ closed: true, late: 2, lateExclusions: 1 })

    const noReason = await t.app.request('/api/v1/periods/mot-cua/2026-Q1/reopen', jsonRequest(admin.headers, { reason: '' }))
    expect(noReason.status).toBe(400)
    const reopened = await t.app.request('/api/v1/periods/mot-cua/2026-Q1/reopen', jsonRequest(admin.headers, { reason: 'Bổ sung phiếu đến muộn' }))
    expect(reopened.status).toBe(200)
    const live = await json('/api/v1/reports/mot-cua/2026-Q1', admin.headers)
    expect(live.text).not.toBe(before.text)
    expect(live.body.units.find((u: any) => u.agency === 'SNV').n).toBe(5)
    expect(live.body.units.find((u: any) => u.agency === 'STP')).toMatchObject({ n: 2, excluded: { spam: 1 } })
    t.clock.advance(60_000)
    expect((await t.app.request('/api/v1/periods/mot-cua/2026-Q1/close', jsonRequest(admin.headers))).status).toBe(200)
    const history = (await json('/api/v1/periods/mot-cua/2026-Q1', admin.headers)).body
    expect(history.snapshot.version).toBe(2)
    expect(history.history).toHaveLength(2)
    expect(history.history[0]).toMatchObject({ version: 1, reopenReason: 'Bổ sung phiếu đến muộn' })
    expect(history.late).toBe(0)
    const actions = (await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'period.%').orderBy('id').execute()).map((a) => a.action)
    expect(actions).toEqual(['period.close', 'period.reopen', 'period.close'])
  })

  it('a revoked or backdated kiosk cannot change a closed or pre-pairing quarter', async () => {
    const kiosk = await pairedKiosk(snvDesk.id)
    t.clock.set('2026-03-30T03:00:00.000Z')
    await rate(kiosk.secret, '2026-03-30T01:00:00.000Z', [5, 2])
    t.clock.set('2026-04-06T03:00:00.000Z')
    const admin = await signIn(t, 'admin', null, province.id)
    await t.app.request('/api/v1/periods/mot-cua/2025-Q4/close', jsonRequest(admin.headers))
    await t.app.request('/api/v1/periods/mot-cua/2026-Q1/close', jsonRequest(admin.headers))
    const q1 = (await json('/api/v1/reports/mot-cua/2026-Q1', admin.headers)).text
    const q4 = (await json('/api/v1/reports/mot-cua/2025-Q4', admin.headers)).text
    expect((await post(t.app, '/api/v1/responses', submission({ overall: 5 }, { givenAt: '2025-12-01T03:00:00.000Z' }), kiosk.secret)).status).toBe(400)
    await t.app.request(`/api/v1/kiosks/${kiosk.id}/revoke`, jsonRequest(admin.headers))
    t.clock.advance(60_000)
    await post(t.app, '/api/v1/responses', submission({ overall: 5 }, { givenAt: '2026-03-31T03:00:00.000Z' }), kiosk.secret)
    await post(t.app, '/api/v1/responses', submission({ overall: 5 }, { givenAt: t.clock.now().toISOString() }), kiosk.secret)
    expect((await json('/api/v1/reports/mot-cua/2026-Q1', admin.headers)).text).toBe(q1)
    expect((await json('/api/v1/reports/mot-cua/2025-Q4', admin.headers)).text).toBe(q4)
  })

  it('the public page lists only published quarters, without sign-in', async () => {
    const kiosk = await pairedKiosk(snvDesk.id)
    t.clock.set('2026-03-30T03:00:00.000Z')
    await rate(kiosk.secret, '2026-03-30T01:00:00.000Z', [5, 4, 2])
    t.clock.set('2026-07-06T03:00:00.000Z')
    const admin = await signIn(t, 'admin', null, province.id)
    expect((await t.app.request('/api/v1/periods/mot-cua/2026-Q1/publish', jsonRequest(admin.headers))).status).toBe(409)
    await t.app.request('/api/v1/periods/mot-cua/2026-Q1/close', jsonRequest(admin.headers))
    await t.app.request('/api/v1/periods/mot-cua/2026-Q2/close', jsonRequest(admin.headers))
    expect((await json('/api/v1/public/reports', {})).body.reports).toEqual([])
    expect((await t.app.request('/api/v1/periods/mot-cua/2026-Q1/publish', jsonRequest(admin.headers))).status).toBe(200)
    const list = (await json('/api/v1/public/reports', {})).body.reports
    expect(list).toEqual([expect.objectContaining({ survey: 'mot-cua', period: '2026-Q1', version: 1 })])
    const page = await json('/api/v1/public/reports/mot-cua/2026-Q1', {})
    expect(page.status).toBe(200)
    expect(page.body.report.units[0]).toMatchObject({ agency: 'SNV', n: 3 })
    expect(page.body.title.vi).toBeTruthy()
    const unpublished = await json('/api/v1/public/reports/mot-cua/2026-Q2', {})
    expect(unpublished.status).toBe(404)
    expect(unpublished.body.error.code).toBe('not_published')
  })
})

describe('self-rating signals', () => {
  it('a long run of top ratings at one desk, and ratings outside the desk hours, are held for review; an admin lets one count', async () => {
    const admin = await signIn(t, 'admin', null, province.id)
    // Monday to Friday, 07:30–11:30 only.
    const hours = await t.app.request(
      `/api/v1/admin/desks/${snvDesk.id}`,
      jsonRequest(admin.headers, { openingHours: { days: [1, 2, 3, 4, 5], open: '07:30', close: '11:30' } }, 'PATCH'),
    )
    expect(hours.status).toBe(200)
    const bad = await t.app.request(`/api/v1/admin/desks/${snvDesk.id}`, jsonRequest(admin.headers, { openingHours: { days: [1], open: '17:00', close: '07:00' } }, 'PATCH'))
    expect(bad.status).toBe(400)
    const kiosk = await pairedKiosk(snvDesk.id)
    t.clock.set('2026-03-30T13:00:00.000Z')
    // 15 fives 20 seconds apart from 08:00 local (01:00 UTC): the 15th completes the run.
    const items = Array.from({ length: 15 }, (_, i) => submission({ overall: 5 }, { givenAt: new Date(Date.parse('2026-03-30T01:00:00.000Z') + i * 20_000).toISOString() }))
    // 19:00 local: the desk is closed.
    const evening = submission({ overall: 5 }, { givenAt: '2026-03-30T12:00:00.000Z' })
    await post(t.app, '/api/v1/responses/batch', { items: [...items, evening] }, kiosk.secret)
    const reviewer = await signIn(t, 'admin', null, province.id)
    const flagged = await t.db.selectFrom('responses').select(['submission_id', 'flag_reason']).where('is_flagged', '=', 1).orderBy('submitted_at').execute()
    expect(flagged.map((f) => f.flag_reason)).toEqual(['top_run', 'after_hours'])
    expect((await json('/api/v1/reports/mot-cua/2026-Q1', reviewer.headers)).body.overall.n).toBe(14)

    const queue = (await json('/api/v1/moderation/queue', reviewer.headers)).body
    expect(queue.flagged.map((f: any) => f.flagReason)).toEqual(['top_run', 'after_hours'])
    const snvAdmin = await signIn(t, 'admin', null, snv.id)
    const refused = await t.app.request(`/api/v1/moderation/flagged/${queue.flagged[0].responseId}`, jsonRequest(snvAdmin.headers, { decision: 'count', note: 'Hợp lệ' }))
    expect(refused.status).toBe(403)
    const counted = await t.app.request(
      `/api/v1/moderation/flagged/${queue.flagged[0].responseId}`,
      jsonRequest(reviewer.headers, { decision: 'count', note: 'Đã xem camera: người dân thật' }),
    )
    expect(counted.status).toBe(200)
    const excluded = await t.app.request(
      `/api/v1/moderation/flagged/${queue.flagged[1].responseId}`,
      jsonRequest(reviewer.headers, { decision: 'exclude', reason: 'staff_rating', note: 'Ngoài giờ' }),
    )
    expect(excluded.status).toBe(200)
    const report = (await json('/api/v1/reports/mot-cua/2026-Q1', reviewer.headers)).body
    expect(report.overall.n).toBe(15)
    expect(report.excluded).toEqual({ staff_rating: 1 })
    expect((await json('/api/v1/moderation/queue', reviewer.headers)).body.flagged).toEqual([])
  })

  it('ratings spaced out on paper but delivered at once are judged on arrival time too; an old offline queue is not', async () => {
    const kiosk = await pairedKiosk(snvDesk.id)
    const other = await pairedKiosk(stpDesk.id)
    t.clock.set('2026-03-30T12:00:00.000Z')
    // 20 taps "two minutes apart" over the last 40 minutes, all arriving now: made now, spaced on paper.
    const live = Array.from({ length: 20 }, (_, i) =>
      submission({ overall: i % 2 ? 5 : 4 }, { givenAt: new Date(Date.parse('2026-03-30T11:20:00.000Z') + i * 120_000).toISOString() }),
    )
    await post(t.app, '/api/v1/responses/batch', { items: live }, kiosk.secret)
    expect(await t.db.selectFrom('responses').select('flag_reason').where('is_flagged', '=', 1).execute()).toEqual([{ flag_reason: 'arrival_burst' }])
    // A queue kept through a day offline arrives at once too: its ratings are older than an hour.
    const queued = Array.from({ length: 30 }, (_, i) =>
      submission({ overall: i % 2 ? 5 : 3, ...(i % 2 ? {} : { reasons: ['wait'] }) }, { givenAt: new Date(Date.parse('2026-03-27T01:00:00.000Z') + i * 240_000).toISOString() }),
    )
    const drained = await post(t.app, '/api/v1/responses/batch', { items: queued }, other.secret)
    expect(drained.body.created).toBe(30)
    expect(await t.db.selectFrom('responses').select('id').where('kiosk_id', '=', other.id).where('is_flagged', '=', 1).execute()).toEqual([])
  })

  it('desk-link answers without the browser cookie count only within the per-address limit, over the whole day', async () => {
    t.clock.set('2026-03-30T03:00:00.000Z')
    for (let i = 0; i < 12; i++) {
      t.clock.advance(3600_000)
      expect((await post(t.app, '/api/v1/responses', submission({ overall: 4 }), snvDesk.token)).status).toBe(201)
    }
    const flagged = await t.db.selectFrom('responses').select('flag_reason').where('is_flagged', '=', 1).execute()
    expect(flagged).toEqual([{ flag_reason: 'no_cookie' }, { flag_reason: 'no_cookie' }])
  })
})

describe('credibility panel', () => {
  it('shows the share by channel, and the index on receipt-code answers beside the index on all answers', async () => {
    const kiosk = await pairedKiosk(snvDesk.id)
    t.clock.set('2026-03-30T03:00:00.000Z')
    await rate(kiosk.secret, '2026-03-30T01:00:00.000Z', [5, 4, 5, 4])
    const key = await makeApiKey(t.db, snv.id)
    for (const overall of [2, 4]) {
      const minted = await post(t.app, '/api/v1/invitations', { desk: 'MC-01', agency: 'SNV' }, key.key)
      expect((await post(t.app, '/api/v1/responses', submission({ overall, ...(overall < 4 ? { reasons: ['wait'] } : {}) }), minted.body.token)).status).toBe(201)
    }
    const admin = await signIn(t, 'admin', null, province.id)
    const page = (await json('/api/v1/dashboard/agencies/SNV?survey=mot-cua&period=2026-Q1', admin.headers)).body
    expect(page.credibility).toMatchObject({ n: 6, flagged: 0, excluded: 0, late: 0, receipt: { n: 2, index: 50 }, all: { n: 6 } })
    expect(page.credibility.all.index).toBeCloseTo((100 * 5) / 6)
    expect(page.credibility.channels).toEqual(
      expect.arrayContaining([
        { channel: 'kiosk', n: 4, share: (100 * 4) / 6 },
        { channel: 'qr', n: 2, share: (100 * 2) / 6 },
      ]),
    )
  })
})
