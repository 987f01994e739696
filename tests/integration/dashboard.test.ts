import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { makeAgency, makeDesk, post, signIn, submission } from '../helpers/factories.ts'

let t: TestApp
let own: { id: number; code: string }
let foreign: { id: number; code: string }
let province: { id: number; code: string }
beforeEach(async () => {
  t = await createTestApp({ now: '2026-05-10T03:00:00Z', minSample: 1 })
  province = await makeAgency(t.db, { code: 'TINH', kind: 'province' })
  own = await makeAgency(t.db, { code: 'STP', name: 'Sở Tư pháp' })
  foreign = await makeAgency(t.db, { code: 'SNV', name: 'Sở Nội vụ' })
  for (const [agency, comment, overall] of [
    [own, 'Cán bộ tận tình', 5],
    [foreign, 'Chờ quá lâu', 2],
  ] as const) {
    const desk = await makeDesk(t.db, agency.id)
    await post(t.app, '/api/v1/responses', submission({ overall, comment }), desk.token)
  }
})
afterEach(() => t.close())

const get = async (path: string, headers: Record<string, string>) => {
  const res = await t.app.request(path, { headers })
  return { status: res.status, body: (await res.json()) as any }
}
/** Proposes to exclude a rating (the first of the two people an exclusion needs). */
const moderate = (id: number, headers: Record<string, string>) =>
  t.app.request('/api/v1/moderation/exclusions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ responseId: id, reason: 'spam', note: 'Phiếu rác' }),
  })
const responseOf = async (agencyId: number) => (await t.db.selectFrom('responses').select('id').where('agency_id', '=', agencyId).executeTakeFirstOrThrow()).id

describe('dashboard routes and scope', () => {
  it('refuses every dashboard route without a session', async () => {
    for (const path of [
      '/api/v1/dashboard/meta',
      '/api/v1/dashboard/trend/mot-cua',
      '/api/v1/dashboard/agencies/STP?survey=mot-cua&period=2026-Q2',
      '/api/v1/dashboard/comments',
      '/api/v1/reports/mot-cua/2026-Q2/export.csv',
    ])
      expect((await t.app.request(path)).status, path).toBe(401)
  })

  it('gives a manager their own agency and a 404 for another agency, by code and by filter', async () => {
    const m = await signIn(t, 'manager', own.id)
    expect((await get('/api/v1/dashboard/meta', m.headers)).body.agencies.map((a: any) => a.code)).toEqual(['STP'])
    expect((await get('/api/v1/dashboard/agencies/STP?survey=mot-cua&period=2026-Q2', m.headers)).status).toBe(200)
    expect((await get('/api/v1/dashboard/agencies/SNV?survey=mot-cua&period=2026-Q2', m.headers)).status).toBe(404)
    expect((await get('/api/v1/dashboard/trend/mot-cua?agency=SNV', m.headers)).status).toBe(404)
    expect((await get('/api/v1/dashboard/comments?agency=SNV', m.headers)).status).toBe(404)
    const comments = await get('/api/v1/dashboard/comments', m.headers)
    expect(comments.body.items.map((i: any) => i.text)).toEqual(['Cán bộ tận tình'])
    expect((await moderate(await responseOf(foreign.id), m.headers)).status).toBe(404)
    expect((await moderate(await responseOf(own.id), m.headers)).status).toBe(201)
  })

  it('lets an admin see everything; a viewer may read but not moderate', async () => {
    const a = await signIn(t, 'admin')
    expect((await get('/api/v1/dashboard/comments', a.headers)).body.total).toBe(2)
    const v = await signIn(t, 'viewer')
    expect((await get('/api/v1/dashboard/comments', v.headers)).body.total).toBe(2)
    expect((await moderate(await responseOf(own.id), v.headers)).status).toBe(403)
  })

  it('refuses moderation without the CSRF token', async () => {
    const a = await signIn(t, 'admin')
    expect((await moderate(await responseOf(own.id), { Cookie: a.cookie })).status).toBe(403)
    expect(await t.db.selectFrom('exclusions').select('id').execute()).toEqual([])
  })

  it('excludes a spam comment once a second admin approves, which updates the index, and finds comments typed in NFD', async () => {
    const a = await signIn(t, 'admin', null, province.id)
    const b = await signIn(t, 'admin', null, province.id)
    const before = await get('/api/v1/reports/mot-cua/2026-Q2', a.headers)
    expect(before.body.overall).toMatchObject({ n: 2, index: 50 })
    const proposal = (await (await moderate(await responseOf(foreign.id), a.headers)).json()) as any
    expect((await get('/api/v1/reports/mot-cua/2026-Q2', a.headers)).body.overall).toMatchObject({ n: 2 })
    const approve = await t.app.request(`/api/v1/moderation/exclusions/${proposal.id}/approve`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...b.headers },
      body: '{}',
    })
    expect(approve.status).toBe(200)
    const after = await get('/api/v1/reports/mot-cua/2026-Q2', a.headers)
    expect(after.body.overall).toMatchObject({ n: 1, index: 100 })
    const spam = await get('/api/v1/dashboard/comments?status=spam', a.headers)
    expect(spam.body.items).toMatchObject([{ text: 'Chờ quá lâu', spam: true, rating: 2 }])
    const search = await get(`/api/v1/dashboard/comments?q=${encodeURIComponent('tận tình'.normalize('NFD'))}`, a.headers)
    expect(search.body.items.map((i: any) => i.text)).toEqual(['Cán bộ tận tình'])
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'exclusion.%').orderBy('id').execute()
    expect(audit).toEqual([{ action: 'exclusion.propose' }, { action: 'exclusion.approve' }])
  })

  it('gives the trend over 8 quarters and an agency page split by desk and channel', async () => {
    const a = await signIn(t, 'admin')
    const trend = await get('/api/v1/dashboard/trend/mot-cua', a.headers)
    expect(trend.body.points).toHaveLength(8)
    expect(trend.body.points.at(-1)).toMatchObject({ period: '2026-Q2', n: 2, index: 50 })
    expect(trend.body.points[0]).toMatchObject({ period: '2024-Q3', n: 0, index: null })
    const page = await get('/api/v1/dashboard/agencies/STP?survey=mot-cua&period=2026-Q2', a.headers)
    expect(page.body.figures).toMatchObject({ n: 1, index: 100 })
    expect(page.body.byChannel).toMatchObject([{ key: 'qr', n: 1 }])
    expect(page.body.byDesk[0].desk.name).toMatch(/^Quầy/)
  })
})
