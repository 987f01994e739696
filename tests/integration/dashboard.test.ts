import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { makeAgency, makeDesk, post, signIn, submission } from '../helpers/factories.ts'

let t: TestApp
let own: { id: number; code: string }
let foreign: { id: number; code: string }
beforeEach(async () => {
  t = await createTestApp({ now: '2026-05-10T03:00:00Z', minSample: 1 })
  await makeAgency(t.db, { code: 'TINH', kind: 'province' })
  own = await makeAgency(t.db, { code: 'STP', name: 'Sở Tư pháp' })
  foreign = await makeAgency(t.db, { code: 'SNV', name: 'Sở Nội vụ' })
  for (const [agency, comment, overall] of [[own, 'Cán bộ tận tình', 5], [foreign, 'Chờ quá lâu', 2]] as const) {
    const desk = await makeDesk(t.db, agency.id)
    await post(t.app, '/api/v1/responses', submission({ overall, comment }), desk.token)
  }
})
afterEach(() => t.close())

const get = async (path: string, headers: Record<string, string>) => {
  const res = await t.app.request(path, { headers })
  return { status: res.status, body: (await res.json()) as any }
}
const moderate = (id: number, spam: boolean, headers: Record<string, string>) =>
  t.app.request(`/api/v1/dashboard/responses/${id}/moderation`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ spam }) })
const responseOf = async (agencyId: number) => (await t.db.selectFrom('responses').select('id').where('agency_id', '=', agencyId).executeTakeFirstOrThrow()).id

describe('dashboard routes and scope', () => {
  it('refuses every dashboard route without a session', async () => {
    for (const path of ['/api/v1/dashboard/meta', '/api/v1/dashboard/trend/mot-cua', '/api/v1/dashboard/agencies/STP?survey=mot-cua&period=2026-Q2', '/api/v1/dashboard/comments', '/api/v1/reports/mot-cua/2026-Q2/export.csv'])
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
    expect((await moderate(await responseOf(foreign.id), true, m.headers)).status).toBe(404)
    expect((await moderate(await responseOf(own.id), true, m.headers)).status).toBe(200)
  })

  it('lets an admin see everything; a viewer may read but not moderate', async () => {
    const a = await signIn(t, 'admin')
    expect((await get('/api/v1/dashboard/comments', a.headers)).body.total).toBe(2)
    const v = await signIn(t, 'viewer')
    expect((await get('/api/v1/dashboard/comments', v.headers)).body.total).toBe(2)
    expect((await moderate(await responseOf(own.id), true, v.headers)).status).toBe(403)
  })

  it('refuses moderation without the CSRF token', async () => {
    const a = await signIn(t, 'admin')
    expect((await moderate(await responseOf(own.id), true, { Cookie: a.cookie })).status).toBe(403)
    expect((await t.db.selectFrom('responses').select('is_spam').where('agency_id', '=', own.id).executeTakeFirstOrThrow()).is_spam).toBe(0)
  })

  it('flags a comment as spam, which updates the index, and finds comments typed in NFD', async () => {
    const a = await signIn(t, 'admin')
    const before = await get('/api/v1/reports/mot-cua/2026-Q2', a.headers)
    expect(before.body.overall).toMatchObject({ n: 2, index: 50 })
    expect((await moderate(await responseOf(foreign.id), true, a.headers)).status).toBe(200)
    const after = await get('/api/v1/reports/mot-cua/2026-Q2', a.headers)
    expect(after.body.overall).toMatchObject({ n: 1, index: 100 })
    const spam = await get('/api/v1/dashboard/comments?status=spam', a.headers)
    expect(spam.body.items).toMatchObject([{ text: 'Chờ quá lâu', spam: true, rating: 2 }])
    const search = await get(`/api/v1/dashboard/comments?q=${encodeURIComponent('tận tình'.normalize('NFD'))}`, a.headers)
    expect(search.body.items.map((i: any) => i.text)).toEqual(['Cán bộ tận tình'])
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'response.%').execute()
    expect(audit).toEqual([{ action: 'response.spam' }])
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
