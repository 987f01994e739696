import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { jsonRequest, makeAgency, makeDesk, makeKiosk, makePairedKiosk, post, signIn, submission } from '../helpers/factories.ts'

let t: TestApp
let agency: { id: number; code: string }
let other: { id: number; code: string }
let desk: { id: number }
let otherDesk: { id: number }
beforeEach(async () => {
  // Monday 11 May 2026, 10:00 in Hà Nội.
  t = await createTestApp({ now: '2026-05-11T03:00:00.000Z' })
  agency = await makeAgency(t.db, { code: 'SNV', name: 'Sở Nội vụ' })
  other = await makeAgency(t.db, { code: 'STP', name: 'Sở Tư pháp' })
  desk = await makeDesk(t.db, agency.id, 'MC-01')
  otherDesk = await makeDesk(t.db, other.id, 'TP-01')
})
afterEach(() => t.close())

const pair = (code: string) => post(t.app, '/api/v1/kiosk/pair', { code })
const pairedKiosk = (deskId = desk.id) => makePairedKiosk(t, deskId)
const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` })

describe('pairing a tablet', () => {
  it('staff create a kiosk and get a pairing link with a QR code; the code pairs once', async () => {
    const admin = await signIn(t, 'admin')
    const res = await t.app.request('/api/v1/kiosks', jsonRequest(admin.headers, { deskId: desk.id, name: 'Máy quầy 1' }))
    expect(res.status).toBe(201)
    const body = (await res.json()) as any
    expect(body.pairing.url).toMatch(/\/kiosk#pair=kpair_/)
    expect(body.pairing.qrSvg).toMatch(/^<svg/)
    expect(body.pairing.expiresAt).toBe('2026-05-11T03:15:00.000Z')
    expect(body.kiosk).toMatchObject({ name: 'Máy quầy 1', status: 'unpaired', desk: { id: desk.id } })
    const row = await t.db.selectFrom('kiosks').selectAll().executeTakeFirstOrThrow()
    expect(row.pairing_hash).not.toContain(body.pairing.code.slice(6))

    const first = await pair(body.pairing.code)
    expect(first.status).toBe(201)
    expect(first.body.secret).toMatch(/^kiosk_[A-Za-z0-9_-]{40,}$/)
    const stored = await t.db.selectFrom('kiosks').select(['secret_hash', 'paired_at']).executeTakeFirstOrThrow()
    expect(stored.secret_hash).not.toBe(first.body.secret)
    expect(stored.paired_at).toBe('2026-05-11T03:00:00.000Z')

    const again = await pair(body.pairing.code)
    expect(again.status).toBe(410)
    expect(again.body.error.code).toBe('pairing_invalid')
    expect(again.body.error.message.vi).toContain('Mã ghép nối')
  })

  it('a pairing code expires after 15 minutes', async () => {
    const created = await makeKiosk(t.db, desk.id, t.clock.now())
    t.clock.advance(15 * 60_000)
    expect((await pair(created.code)).status).toBe(410)
    const fresh = await makeKiosk(t.db, desk.id, t.clock.now())
    t.clock.advance(15 * 60_000 - 1000)
    expect((await pair(fresh.code)).status).toBe(201)
  })

  it('the paired tablet gets its agency, desk, survey and settings', async () => {
    const k = await pairedKiosk()
    const res = await t.app.request('/api/v1/kiosk/config', { headers: bearer(k.secret) })
    expect(res.status).toBe(200)
    const config = (await res.json()) as any
    expect(config).toMatchObject({
      agency: { code: 'SNV', name: 'Sở Nội vụ' },
      desk: { code: 'MC-01', name: 'Quầy MC-01' },
      survey: 'mot-cua@1',
      settings: { resetDelayMs: 5000, idleTimeoutMs: 30000, repeatIntervalMs: 5000 },
    })
    expect(config.definition.instrument).toBe('mot-cua')
    expect((await t.app.request('/api/v1/kiosk/config', { headers: bearer('kiosk_khongcothat12345') })).status).toBe(401)
  })
})

describe('kiosk submissions', () => {
  it('are stored with the kiosk channel, the desk and the time of the tap', async () => {
    const k = await pairedKiosk()
    t.clock.advance(3600_000)
    const res = await post(t.app, '/api/v1/responses', submission({ overall: 2, reasons: ['wait'] }, { givenAt: '2026-05-11T03:10:00.000Z' }), k.secret)
    expect(res.status).toBe(201)
    const row = await t.db.selectFrom('responses').select(['agency_id', 'desk_id', 'channel', 'kiosk_id', 'submitted_at']).executeTakeFirstOrThrow()
    expect(row).toEqual({ agency_id: agency.id, desk_id: desk.id, channel: 'kiosk', kiosk_id: k.id, submitted_at: '2026-05-11T03:10:00.000Z' })
  })

  it('after revocation: new ratings are refused, those queued before it are still accepted, the tablet is told', async () => {
    const k = await pairedKiosk()
    const queued = submission({ overall: 4 }, { givenAt: '2026-05-11T02:59:00.000Z' })
    const admin = await signIn(t, 'admin')
    t.clock.advance(60_000)
    expect((await t.app.request(`/api/v1/kiosks/${k.id}/revoke`, jsonRequest(admin.headers))).status).toBe(200)
    const fresh = await post(t.app, '/api/v1/responses', submission({ overall: 5 }, { givenAt: t.clock.now().toISOString() }), k.secret)
    expect(fresh.status).toBe(403)
    expect(fresh.body.error.code).toBe('device_revoked')
    const untimed = await post(t.app, '/api/v1/responses', submission({ overall: 5 }), k.secret)
    expect(untimed.status).toBe(403)
    const batch = await post(t.app, '/api/v1/responses/batch', { items: [queued] }, k.secret)
    expect(batch.body.results).toEqual([{ index: 0, submissionId: queued.submissionId, status: 'created' }])
    const config = await t.app.request('/api/v1/kiosk/config', { headers: bearer(k.secret) })
    expect(config.status).toBe(403)
    expect(((await config.json()) as any).error.code).toBe('kiosk_revoked')
    const beat = await t.app.request('/api/v1/kiosk/heartbeat', jsonRequest(bearer(k.secret), { appVersion: '1', queueLength: 0 }))
    expect(beat.status).toBe(403)
  })

  it('a burst of 20 ratings in a minute is flagged and left out of the report', async () => {
    const k = await pairedKiosk()
    const start = new Date('2026-05-11T03:00:00.000Z').getTime()
    // 4s and 5s, so no run of top ratings: only the burst signal speaks.
    const items = Array.from({ length: 20 }, (_, i) => submission({ overall: i % 2 ? 5 : 4 }, { givenAt: new Date(start + i * 2000).toISOString() }))
    const res = await post(t.app, '/api/v1/responses/batch', { items }, k.secret)
    expect(res.body.created).toBe(20)
    const flagged = await t.db.selectFrom('responses').select(['flag_reason']).where('is_flagged', '=', 1).execute()
    expect(flagged).toEqual([{ flag_reason: 'burst' }])
    const admin = await signIn(t, 'admin')
    const report = (await (await t.app.request('/api/v1/reports/mot-cua/2026-Q2', { headers: admin.headers })).json()) as any
    expect(report.overall.n).toBe(19)
  })
})

describe('staff scope, roles and CSRF', () => {
  it('a manager manages the kiosks of their agency only; others answer 404', async () => {
    const mine = await makeKiosk(t.db, desk.id, t.clock.now(), 'Của tôi')
    const theirs = await makeKiosk(t.db, otherDesk.id, t.clock.now(), 'Của Sở Tư pháp')
    const manager = await signIn(t, 'manager', agency.id)
    const list = (await (await t.app.request('/api/v1/kiosks', { headers: manager.headers })).json()) as any
    expect(list.kiosks.map((k: any) => k.name)).toEqual(['Của tôi'])
    expect((await t.app.request('/api/v1/kiosks', jsonRequest(manager.headers, { deskId: otherDesk.id, name: 'X' }))).status).toBe(404)
    expect((await t.app.request(`/api/v1/kiosks/${theirs.id}/revoke`, jsonRequest(manager.headers))).status).toBe(404)
    expect((await t.app.request(`/api/v1/kiosks/${mine.id}`, jsonRequest(manager.headers, { deskId: otherDesk.id }, 'PATCH'))).status).toBe(404)
    const renamed = await t.app.request(`/api/v1/kiosks/${mine.id}`, jsonRequest(manager.headers, { name: 'Quầy 1 — máy trái' }, 'PATCH'))
    expect(renamed.status).toBe(200)
    expect(((await renamed.json()) as any).kiosk.name).toBe('Quầy 1 — máy trái')
  })

  it('an admin moves a kiosk to another desk; later ratings count there; create, move and revoke are audited', async () => {
    const admin = await signIn(t, 'admin')
    const created = (await (await t.app.request('/api/v1/kiosks', jsonRequest(admin.headers, { deskId: desk.id, name: 'M1' }))).json()) as any
    const { secret } = (await pair(created.pairing.code)).body
    const moved = await t.app.request(`/api/v1/kiosks/${created.kiosk.id}`, jsonRequest(admin.headers, { deskId: otherDesk.id }, 'PATCH'))
    expect(((await moved.json()) as any).kiosk.agency.code).toBe('STP')
    await post(t.app, '/api/v1/responses', submission({ overall: 5 }), secret)
    expect(await t.db.selectFrom('responses').select(['agency_id', 'desk_id']).executeTakeFirst()).toEqual({ agency_id: other.id, desk_id: otherDesk.id })
    await t.app.request(`/api/v1/kiosks/${created.kiosk.id}/revoke`, jsonRequest(admin.headers))
    const actions = (await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'kiosk.%').orderBy('id').execute()).map((a) => a.action)
    expect(actions).toEqual(['kiosk.create', 'kiosk.pair', 'kiosk.move', 'kiosk.revoke'])
  })

  it('a viewer sees the fleet but may change nothing; changes without the CSRF token are refused', async () => {
    const k = await makeKiosk(t.db, desk.id, t.clock.now())
    const viewer = await signIn(t, 'viewer')
    expect((await t.app.request('/api/v1/kiosks', { headers: viewer.headers })).status).toBe(200)
    expect((await t.app.request(`/api/v1/kiosks/${k.id}/revoke`, jsonRequest(viewer.headers))).status).toBe(403)
    expect((await t.app.request('/api/v1/kiosks', jsonRequest(viewer.headers, { deskId: desk.id, name: 'X' }))).status).toBe(403)
    const admin = await signIn(t, 'admin')
    const noToken = await t.app.request(`/api/v1/kiosks/${k.id}/revoke`, jsonRequest({ Cookie: admin.cookie }))
    expect(noToken.status).toBe(403)
    expect(((await noToken.json()) as any).error.code).toBe('csrf_failed')
    expect((await t.db.selectFrom('kiosks').select('revoked_at').executeTakeFirstOrThrow()).revoked_at).toBeNull()
    expect((await t.app.request('/api/v1/kiosks')).status).toBe(401)
  })
})

describe('fleet status', () => {
  it('a heartbeat updates last seen, app version and queue; a kiosk silent for over 10 minutes in opening hours stands out', async () => {
    t.clock.set('2026-05-12T02:00:00.000Z') // Tuesday 09:00 in Hà Nội
    const k = await pairedKiosk()
    const admin = await signIn(t, 'admin')
    const fleet = async () => ((await (await t.app.request('/api/v1/kiosks', { headers: admin.headers })).json()) as any).kiosks[0]
    t.clock.advance(5 * 60_000)
    const beat = await t.app.request(
      '/api/v1/kiosk/heartbeat',
      jsonRequest(bearer(k.secret), { appVersion: '0.1.0', queueLength: 3, lastSubmissionAt: '2026-05-12T02:04:00.000Z' }),
    )
    expect(beat.status).toBe(200)
    const config = (await (await t.app.request('/api/v1/kiosk/config', { headers: bearer(k.secret) })).json()) as any
    expect(((await beat.json()) as any).configHash).toBe(config.configHash)
    expect(await fleet()).toMatchObject({ status: 'ok', lastSeenAt: '2026-05-12T02:05:00.000Z', appVersion: '0.1.0', queueLength: 3, lastSubmissionAt: '2026-05-12T02:04:00.000Z' })
    t.clock.advance(10 * 60_000 + 1000)
    expect((await fleet()).status).toBe('silent')
    t.clock.set('2026-05-12T12:00:00.000Z') // 19:00 local: closed, so silence is expected
    expect((await fleet()).status).toBe('ok')
  })

  it('the config hash changes when the desk is given another survey version', async () => {
    const k = await pairedKiosk()
    const beat = async () => ((await (await t.app.request('/api/v1/kiosk/heartbeat', jsonRequest(bearer(k.secret), { appVersion: '1', queueLength: 0 }))).json()) as any).configHash
    const before = await beat()
    expect(await beat()).toBe(before)
    const sipas = await t.db.selectFrom('survey_versions').select('id').where('instrument', '=', 'sipas-2017').executeTakeFirstOrThrow()
    await t.db.updateTable('desks').set({ survey_version_id: sipas.id }).where('id', '=', desk.id).execute()
    expect(await beat()).not.toBe(before)
  })
})
