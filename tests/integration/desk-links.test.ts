import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { DESK_LINK_IP_LIMIT } from '../../server/desks/credential.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { databaseText, makeAgency, makeDesk, signIn } from '../helpers/factories.ts'

let t: TestApp
let app: ReturnType<typeof createApp>
let desk: { id: number; code: string; token: string }
beforeEach(async () => {
  t = await createTestApp()
  // Behind a proxy, so each test can speak from its own address.
  app = createApp({ db: t.db, databaseKind: 'sqlite', clock: t.clock, timeZone: 'Asia/Ho_Chi_Minh', minSample: 30, trustProxy: true })
  const agency = await makeAgency(t.db, { code: 'SNV', name: 'Sở Nội vụ' })
  desk = await makeDesk(t.db, agency.id, 'MC-01')
})
afterEach(() => t.close())

/** Opens the desk link as a phone would; returns the browser cookie it was given. */
async function openLink(cookie?: string) {
  const res = await app.request(`/api/v1/links/${desk.token}`, { headers: cookie ? { Cookie: cookie } : {} })
  expect(res.status).toBe(200)
  return res.headers.get('Set-Cookie')
}
async function rate(opts: { cookie?: string; ip?: string; overall?: number; website?: string } = {}) {
  const res = await app.request('/api/v1/responses', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${desk.token}`,
      'X-Forwarded-For': opts.ip ?? '203.0.113.7',
      ...(opts.cookie ? { Cookie: opts.cookie } : {}),
    },
    body: JSON.stringify({ submissionId: randomUUID(), survey: 'mot-cua@1', answers: { overall: opts.overall ?? 5 }, ...(opts.website ? { website: opts.website } : {}) }),
  })
  return { status: res.status, body: (await res.json()) as any }
}
const stored = () => t.db.selectFrom('responses').select(['is_flagged', 'flag_reason']).orderBy('id').execute()
const counted = async () => Number((await t.db.selectFrom('rollups').select('count').where('question_id', '=', '*').where('desk_id', '=', desk.id).executeTakeFirst())?.count ?? 0)

describe('desk links: one response per browser per desk per day', () => {
  it('gives the browser an HttpOnly, SameSite=Lax id when the link is opened, once', async () => {
    const set = await openLink()
    expect(set).toMatch(/^hl_browser=[A-Za-z0-9_-]{22,};/)
    expect(set).toMatch(/HttpOnly/)
    expect(set).toMatch(/SameSite=Lax/)
    expect(await openLink(set!.split(';')[0])).toBeNull()
  })

  it('refuses a second answer from the same browser the same day with a reason, and takes it the next day', async () => {
    const cookie = (await openLink())!.split(';')[0]!
    expect((await rate({ cookie })).status).toBe(201)
    const again = await rate({ cookie, overall: 1 })
    expect(again.status).toBe(429)
    expect(again.body.error.code).toBe('already_answered_today')
    expect(again.body.error.message.vi).toMatch(/mỗi ngày/)
    const otherBrowser = (await openLink())!.split(';')[0]!
    expect((await rate({ cookie: otherBrowser })).status).toBe(201)
    t.clock.advance(24 * 3600_000)
    expect((await rate({ cookie })).status).toBe(201)
    expect(await stored()).toHaveLength(3)
    // Only a salted hash of the browser id is kept.
    const text = await databaseText(t.db)
    expect(text).not.toContain(cookie.split('=')[1])
    expect((await t.db.selectFrom('link_uses').select('browser_hash').execute())[0]!.browser_hash).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('desk links: per-address limits and the honeypot flag, never lose', () => {
  it(`past ${DESK_LINK_IP_LIMIT} answers an hour from one address, keeps every answer but flags the extra ones`, async () => {
    for (let i = 0; i < DESK_LINK_IP_LIMIT + 3; i++) expect((await rate()).status).toBe(201)
    const rows = await stored()
    expect(rows).toHaveLength(DESK_LINK_IP_LIMIT + 3)
    expect(rows.filter((r) => r.is_flagged === 0)).toHaveLength(DESK_LINK_IP_LIMIT)
    expect(rows.slice(DESK_LINK_IP_LIMIT).map((r) => r.flag_reason)).toEqual(['ip_rate', 'ip_rate', 'ip_rate'])
    expect(await counted()).toBe(DESK_LINK_IP_LIMIT) // flagged answers wait for review, out of the index
    expect((await rate({ ip: '198.51.100.20' })).status).toBe(201)
    expect((await stored()).at(-1)!.is_flagged).toBe(0)
    t.clock.advance(3600_000)
    const cookie = (await openLink())!.split(';')[0]!
    expect((await rate({ cookie })).status).toBe(201)
    expect((await stored()).at(-1)!.is_flagged).toBe(0)
    // Without the browser cookie the address's limit holds for the whole day, not per hour.
    expect((await rate()).status).toBe(201)
    expect((await stored()).at(-1)!.flag_reason).toBe('no_cookie')
  })

  it('stores no address, only hashes that change every day', async () => {
    await rate({ ip: '203.0.113.99' })
    const today = (await t.db.selectFrom('rate_limits').select('key').where('key', 'like', 'desk_link:%').execute()).map((r) => r.key)
    t.clock.advance(24 * 3600_000)
    await rate({ ip: '203.0.113.99' })
    const both = (await t.db.selectFrom('rate_limits').select('key').where('key', 'like', 'desk_link:%').execute()).map((r) => r.key)
    expect(both).toHaveLength(2)
    expect(both.filter((k) => !today.includes(k))).toHaveLength(1)
    expect(await databaseText(t.db)).not.toContain('203.0.113.99')
  })

  it('flags an answer that fills the hidden honeypot field instead of dropping it', async () => {
    expect((await rate({ website: 'http://spam.example' })).status).toBe(201)
    expect(await stored()).toEqual([{ is_flagged: 1, flag_reason: 'honeypot' }])
    expect(await counted()).toBe(0)
  })
})

describe('desk poster', () => {
  it('gives staff the desk’s public link and its QR as SVG, within their scope only', async () => {
    const admin = await signIn(t, 'admin')
    const res = await app.request(`/api/v1/desks/${desk.id}/poster`, { headers: admin.headers })
    expect(res.status).toBe(200)
    const body = (await res.json()) as any
    expect(body).toMatchObject({ agency: { name: 'Sở Nội vụ' }, desk: { code: 'MC-01', name: 'Quầy MC-01' }, link: `http://localhost/d/${desk.token}` })
    expect(body.qrSvg).toMatch(/^<svg/)
    const other = await makeAgency(t.db, { code: 'STC' })
    const manager = await signIn(t, 'manager', other.id)
    expect((await app.request(`/api/v1/desks/${desk.id}/poster`, { headers: manager.headers })).status).toBe(404)
    expect((await app.request(`/api/v1/desks/${desk.id}/poster`)).status).toBe(401)
  })
})
