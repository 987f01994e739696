import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INTERFACE_STRINGS } from '../../server/domain/language-pack.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { makeAgency, makeDesk, makeKiosk, signIn } from '../helpers/factories.ts'

const PACK = JSON.parse(fs.readFileSync(new URL('../fixtures/language-packs/xx.json', import.meta.url), 'utf8'))

let t: TestApp
let admin: Record<string, string>
let desk: { id: number; token: string }
const call = async (path: string, method = 'GET', body?: unknown, headers: Record<string, string> = admin) => {
  const res = await t.app.request(path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) })
  return { status: res.status, body: (await res.json()) as any }
}

beforeAll(async () => {
  t = await createTestApp()
  admin = (await signIn(t, 'admin')).headers
  const agency = await makeAgency(t.db, { code: 'UBX', name: 'UBND xã Thử' })
  desk = await makeDesk(t.db, agency.id, 'MC-01')
})
afterAll(() => t.close())

describe('language packs', () => {
  it('refuses a malformed pack field by field, in Vietnamese and English, and stores nothing', async () => {
    const bad = { ...PACK, code: 'vi', ui: { 'kiosk.start': '', 'kiosk.nope': 'x' }, surveys: { 'not a key': {} } }
    const res = await call('/api/v1/admin/languages', 'PUT', bad)
    expect(res.status).toBe(400)
    const fields = res.body.error.details.map((d: { field: string }) => d.field)
    expect(fields).toEqual(expect.arrayContaining(['code', 'ui.kiosk.start', 'ui.kiosk.nope', 'surveys.not a key']))
    for (const d of res.body.error.details) {
      expect(d.message.vi).toBeTruthy()
      expect(d.message.en).toBeTruthy()
    }
    expect((await call('/api/v1/admin/languages')).body.packs).toEqual([])
  })

  it('refuses a desk language no pack provides', async () => {
    const res = await call(`/api/v1/admin/languages/desks/${desk.id}`, 'PUT', { language: 'km' })
    expect(res.status).toBe(400)
    expect(res.body.error.details[0].field).toBe('language')
  })

  it('reports, per pack, the interface strings and survey texts it lacks, with the Vietnamese shown instead', async () => {
    expect((await call('/api/v1/admin/languages', 'PUT', PACK)).status).toBe(200)
    const [report] = (await call('/api/v1/admin/languages')).body.packs
    expect(report.code).toBe('xx')
    expect(report.ui.total).toBe(Object.keys(INTERFACE_STRINGS).length)
    const missingUi = report.ui.missing.map((m: { id: string }) => m.id)
    expect(missingUi).toContain('kiosk.thanks')
    expect(missingUi).not.toContain('kiosk.start')
    expect(report.ui.missing.find((m: { id: string }) => m.id === 'kiosk.thanks').vi).toBe('Cảm ơn Ông/Bà đã đánh giá!')
    const motCua = report.surveys.find((s: { survey: string }) => s.survey === 'mot-cua@1')
    const missingTexts = motCua.missing.map((m: { id: string }) => m.id)
    expect(missingTexts).toContain('q.staff')
    expect(missingTexts).toContain('q.reasons.option.wait')
    expect(missingTexts).not.toContain('q.overall')
    expect(motCua.total - motCua.missing.length).toBe(4)
    // Another survey the pack does not cover at all is reported whole.
    const other = report.surveys.find((s: { survey: string }) => s.survey !== 'mot-cua@1')
    expect(other.missing.length).toBe(other.total)
  })

  it('is what the kiosk and the desk link of a desk with that language receive, audited', async () => {
    expect((await call(`/api/v1/admin/languages/desks/${desk.id}`, 'PUT', { language: 'xx' })).status).toBe(200)
    const link = await call(`/api/v1/links/${desk.token}`, 'GET', undefined, {})
    expect(link.body.language).toMatchObject({ code: 'xx', name: 'Xx-test', ui: { 'kiosk.start': 'XX start' } })
    const overall = link.body.definition.pages[0].questions.find((q: { id: string }) => q.id === 'overall')
    expect(overall.text).toMatchObject({ vi: expect.any(String), en: expect.any(String), xx: 'XX how satisfied' })

    const kiosk = await makeKiosk(t.db, desk.id, t.clock.now())
    const paired = await call('/api/v1/kiosk/pair', 'POST', { code: kiosk.code }, {})
    const config = await call('/api/v1/kiosk/config', 'GET', undefined, { Authorization: `Bearer ${paired.body.secret}` })
    expect(config.body.language.code).toBe('xx')
    expect(config.body.definition.title.xx).toBe('XX quick rating')

    const audit = await t.db.selectFrom('audit_log').select(['action', 'target']).where('action', 'in', ['language_pack.create', 'desk.language']).execute()
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'language_pack.create', target: 'language:xx' },
        { action: 'desk.language', target: `desk:${desk.id}` },
      ]),
    )
  })

  it('is for admins only', async () => {
    const viewer = (await signIn(t, 'viewer')).headers
    expect((await call('/api/v1/admin/languages', 'GET', undefined, viewer)).status).toBe(403)
    expect((await call('/api/v1/admin/languages', 'PUT', PACK, viewer)).status).toBe(403)
  })
})
