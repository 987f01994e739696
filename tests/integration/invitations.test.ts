import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { hashToken } from '../../server/lib/tokens.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'
import { KEY_LIFETIME_MS, KEY_RATE_LIMIT } from '../../server/api-keys/service.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { databaseText, makeAgency, makeApiKey, makeDesk, post } from '../helpers/factories.ts'
import { decodePngDataUrl, decodeSvg } from '../helpers/qr-images.ts'

let t: TestApp
let key: string
let province: { id: number; code: string }
let dept: { id: number; code: string }
let desk: { id: number; code: string; token: string }
beforeEach(async () => {
  t = await createTestApp()
  province = await makeAgency(t.db, { code: 'SNV', name: 'Sở Nội vụ' })
  dept = await makeAgency(t.db, { code: 'PHC', name: 'Phòng Hành chính', parentId: province.id })
  desk = await makeDesk(t.db, dept.id, 'MC-01')
  key = (await makeApiKey(t.db, province.id)).key
})
afterEach(() => t.close())

const mint = (body: unknown, k: string = key) => post(t.app, '/api/v1/invitations', body, k)
const link = async (token: string) => {
  const res = await t.app.request(`/api/v1/links/${token}`)
  return { status: res.status, body: (await res.json()) as any }
}
const answer = (token: string, answers: Record<string, unknown> = { overall: 5 }, survey = 'mot-cua@1', submissionId = randomUUID()) =>
  post(t.app, '/api/v1/responses', { submissionId, survey, answers }, token)

describe('POST /api/v1/invitations (receipt codes)', () => {
  it('mints one code for a desk: a link to /r/<token>, its QR code as SVG, default 30 days and mot-cua', async () => {
    const res = await mint({ desk: 'MC-01', dossier: 'H40.175.01-260510-AB0001', procedure: '1.001234' })
    expect(res.status).toBe(201)
    expect(res.body.token).toMatch(/^rcpt_[A-Za-z0-9_-]{24,}$/)
    expect(res.body.link).toBe(`http://localhost/r/${res.body.token}`)
    expect(res.body).toMatchObject({ agency: 'PHC', desk: 'MC-01', survey: 'mot-cua@1', expiresAt: '2026-06-09T03:00:00.000Z' })
    expect(res.body.qr.svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    // A PNG only on request: it costs about ten times an SVG.
    expect(res.body.qr.png).toBeUndefined()
    expect(decodeSvg(res.body.qr.svg)).toBe(res.body.link)
    const info = await link(res.body.token)
    expect(info.body).toMatchObject({ kind: 'receipt', status: 'open', agency: { code: 'PHC' }, desk: { code: 'MC-01' }, survey: 'mot-cua@1', procedure: '1.001234' })
    expect(info.body.definition.instrument).toBe('mot-cua')
  })

  it('mints for an agency with the full sipas-2017 questionnaire, and puts HAILONG_PUBLIC_URL in the link', async () => {
    const app = createApp({ db: t.db, databaseKind: 'sqlite', clock: t.clock, timeZone: 'Asia/Ho_Chi_Minh', minSample: 30, publicUrl: 'https://danhgia.sonla.gov.vn' })
    const res = await post(app, '/api/v1/invitations', { agency: 'SNV', survey: 'sipas-2017', expiresInDays: 7 }, key)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ agency: 'SNV', desk: null, survey: 'sipas-2017@1', expiresAt: '2026-05-17T03:00:00.000Z' })
    expect(res.body.link).toBe(`https://danhgia.sonla.gov.vn/r/${res.body.token}`)
  })

  it('gives the QR code as a PNG on request, alone or with the SVG, each read back as the receipt link', async () => {
    const png = await mint({ desk: 'MC-01', qr: ['png'] })
    expect(png.status).toBe(201)
    expect(Object.keys(png.body.qr)).toEqual(['png'])
    expect(png.body.qr.png).toMatch(/^data:image\/png;base64,iVBOR/)
    expect(decodePngDataUrl(png.body.qr.png)).toBe(png.body.link)
    const both = await post(t.app, '/api/v1/invitations/batch', { items: [{ desk: 'MC-01' }, { desk: 'MC-01' }], qr: ['svg', 'png'] }, key)
    expect(both.status).toBe(201)
    for (const item of both.body.items) {
      expect(decodePngDataUrl(item.qr.png)).toBe(item.link)
      expect(decodeSvg(item.qr.svg)).toBe(item.link)
    }
    const svgOnly = await post(t.app, '/api/v1/invitations/batch', { items: [{ desk: 'MC-01' }] }, key)
    expect(Object.keys(svgOnly.body.items[0].qr)).toEqual(['svg'])
    expect((await post(t.app, '/api/v1/invitations/batch', { items: [{ desk: 'MC-01' }], qr: ['gif'] }, key)).status).toBe(400)
  })

  it('mints 1,000 distinct codes in one call, and refuses 1,001', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ desk: 'MC-01', dossier: `H40.175.01-260510-AB${String(i).padStart(4, '0')}` }))
    const res = await post(t.app, '/api/v1/invitations/batch', { items, qr: [] }, key)
    expect(res.status).toBe(201)
    expect(res.body.items).toHaveLength(1000)
    expect(new Set(res.body.items.map((i: any) => i.token)).size).toBe(1000)
    expect(res.body.items[999].qr).toEqual({})
    expect(await t.db.selectFrom('invitations').select('id').execute()).toHaveLength(1000)
    const tooMany = await post(t.app, '/api/v1/invitations/batch', { items: [...items, { desk: 'MC-01' }] }, key)
    expect(tooMany.status).toBe(400)
    expect(await t.db.selectFrom('invitations').select('id').execute()).toHaveLength(1000)
  })

  it('creates nothing when one item of a batch is wrong, naming the item', async () => {
    const other = await makeAgency(t.db, { code: 'STC', name: 'Sở Tài chính' })
    await makeDesk(t.db, other.id, 'TC-01')
    const res = await post(
      t.app,
      '/api/v1/invitations/batch',
      { items: [{ desk: 'MC-01' }, { agency: 'STC' }, { desk: 'KHONG-CO' }, { agency: 'SNV', expiresAt: '2026-05-01T00:00:00Z' }] },
      key,
    )
    expect(res.status).toBe(400)
    expect(res.body.error.details.map((d: any) => [d.field, d.code])).toEqual([
      ['items.1.agency', 'unknown_agency'],
      ['items.2.desk', 'unknown_desk'],
      ['items.3.expiresAt', 'out_of_range'],
    ])
    expect(res.body.error.details[0].message.vi).toMatch(/trong phạm vi/)
    expect(await t.db.selectFrom('invitations').select('id').execute()).toHaveLength(0)
  })

  it('uses the questionnaire staff assigned to the desk for receipt codes when none is asked for', async () => {
    const { assignSurvey } = await import('../../server/desks/service.ts')
    await assignSurvey(t.db, new SurveyCatalog(t.db), desk.id, 'receipt', (await new SurveyCatalog(t.db).byKey('sipas-2017@1'))!, 'test', t.clock)
    expect((await mint({ desk: 'MC-01' })).body.survey).toBe('sipas-2017@1')
    expect((await mint({ desk: 'MC-01', survey: 'mot-cua' })).body.survey).toBe('mot-cua@1')
  })

  it('refuses a request with neither desk nor agency, and an unknown survey', async () => {
    expect((await mint({ dossier: 'H40.175.01-260510-AB0002' })).body.error.details[0]).toMatchObject({ field: 'desk' })
    expect((await mint({ agency: 'SNV', survey: 'khong-co' })).body.error.details[0]).toMatchObject({ field: 'survey', code: 'unknown_survey' })
  })

  it('refuses missing, forged, revoked and expired keys with 401', async () => {
    expect((await mint({ agency: 'SNV' }, '')).status).toBe(401)
    const forged = await mint({ agency: 'SNV' }, `hlk_${'A'.repeat(43)}`)
    expect(forged.status).toBe(401)
    expect(forged.body.error).toMatchObject({ code: 'invalid_api_key', message: { vi: expect.stringMatching(/Khóa API/) } })
    const revoked = await makeApiKey(t.db, province.id)
    await t.db.updateTable('api_keys').set({ revoked_at: '2026-05-02T00:00:00.000Z' }).where('id', '=', revoked.id).execute()
    expect((await mint({ agency: 'SNV' }, revoked.key)).status).toBe(401)
    expect((await mint({ agency: 'SNV' })).status).toBe(201)
    t.clock.advance(KEY_LIFETIME_MS)
    expect((await mint({ agency: 'SNV' })).status).toBe(401)
    expect(await t.db.selectFrom('invitations').select('id').execute()).toHaveLength(1)
  })

  it('limits each key’s requests per minute (429), then lets it through again', async () => {
    for (let i = 0; i < KEY_RATE_LIMIT; i++) expect((await mint({ agency: 'SNV' })).status).toBe(201)
    const limited = await mint({ agency: 'SNV' })
    expect(limited.status).toBe(429)
    expect(limited.body.error.code).toBe('too_many_requests')
    const another = await makeApiKey(t.db, province.id)
    expect((await mint({ agency: 'SNV' }, another.key)).status).toBe(201)
    t.clock.advance(60_000)
    expect((await mint({ agency: 'SNV' })).status).toBe(201)
  })

  it('a new code for the same dossier replaces the earlier unused one', async () => {
    const first = (await mint({ desk: 'MC-01', dossier: 'H40.175.01-260510-AB0007' })).body.token
    const second = (await mint({ desk: 'MC-01', dossier: 'H40.175.01-260510-AB0007' })).body.token
    expect((await link(first)).body.status).toBe('expired')
    expect((await link(second)).body.status).toBe('open')
  })
})

describe('answering with a receipt code', () => {
  it('allows exactly one answer: opening again shows "used", another answer is refused with 409, a resend is 200', async () => {
    const { token } = (await mint({ desk: 'MC-01' })).body
    const submissionId = randomUUID()
    const first = await answer(token, { overall: 4 }, 'mot-cua@1', submissionId)
    expect(first.status).toBe(201)
    expect(await t.db.selectFrom('responses').select(['desk_id', 'agency_id', 'channel']).execute()).toEqual([{ desk_id: desk.id, agency_id: dept.id, channel: 'qr' }])
    expect((await link(token)).body).toMatchObject({ status: 'used', used: true })
    expect((await link(token)).body.definition).toBeUndefined()
    const second = await answer(token, { overall: 1 })
    expect(second.status).toBe(409)
    expect(second.body.error).toMatchObject({ code: 'receipt_used', message: { vi: 'Ông/Bà đã đánh giá, cảm ơn' } })
    expect((await answer(token, { overall: 4 }, 'mot-cua@1', submissionId)).status).toBe(200)
    expect(await t.db.selectFrom('responses').select('id').execute()).toHaveLength(1)
  })

  it('stores exactly one response from 50 concurrent submissions with one code', async () => {
    const { token } = (await mint({ desk: 'MC-01' })).body
    const results = await Promise.all(Array.from({ length: 50 }, () => answer(token)))
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    expect(results.filter((r) => r.status === 409)).toHaveLength(49)
    expect(await t.db.selectFrom('responses').select('id').execute()).toHaveLength(1)
  })

  it('an expired code shows "expired" and refuses an answer (410); an unknown code is 404 and 401', async () => {
    const { token } = (await mint({ desk: 'MC-01', expiresInDays: 1 })).body
    t.clock.advance(24 * 3600_000)
    expect((await link(token)).body).toMatchObject({ kind: 'receipt', status: 'expired', active: false })
    const late = await answer(token)
    expect(late.status).toBe(410)
    expect(late.body.error.code).toBe('receipt_expired')
    const unknown = await link('rcpt_khongtontaikhongtontai')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('unknown_link')
    expect((await answer('rcpt_khongtontaikhongtontai')).status).toBe(401)
    expect(await t.db.selectFrom('responses').select('id').execute()).toHaveLength(0)
  })

  it('allows only the code’s questionnaire', async () => {
    const { token } = (await mint({ desk: 'MC-01', survey: 'sipas-2017' })).body
    const wrong = await answer(token, { overall: 5 })
    expect(wrong.status).toBe(400)
    expect(wrong.body.error.details[0].code).toBe('survey_not_allowed')
    expect((await answer(token, { tc1: 4, hl_chung: 5 }, 'sipas-2017@1')).status).toBe(201)
  })

  it('keeps hashes, never the code, the key or the dossier code, in the database', async () => {
    const dossier = 'H40.175.01-260510-AB0099'
    const { token } = (await mint({ desk: 'MC-01', dossier })).body
    expect((await answer(token)).status).toBe(201)
    const text = await databaseText(t.db)
    const stored = await t.db.selectFrom('invitations').select(['token_hash', 'dossier_hash']).executeTakeFirstOrThrow()
    expect(stored.token_hash).toBe(hashToken(token))
    expect(stored.dossier_hash).toMatch(/^[0-9a-f]{64}$/)
    for (const secret of [token, token.slice(5), key, key.slice(4), dossier]) expect(text).not.toContain(secret)
  })
})

describe('GET /api/v1/openapi.json', () => {
  it('describes the integration API with the same schemas that validate it', async () => {
    const res = await t.app.request('/api/v1/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as any
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/invitations', '/api/v1/invitations/batch', '/api/v1/responses']))
    const inv = doc.components.schemas.InvitationInput
    expect(Object.keys(inv.properties)).toEqual(expect.arrayContaining(['desk', 'agency', 'dossier', 'procedure', 'survey', 'expiresAt', 'expiresInDays', 'qr']))
    expect(inv.additionalProperties).toBe(false)
    expect(doc.components.schemas.InvitationBatchInput.properties.items.maxItems).toBe(1000)
    // The one-stop software's developers learn from the description that PNG is to be asked for.
    expect(doc.components.schemas.InvitationBatchInput.properties.qr.items.enum).toEqual(['svg', 'png'])
    expect(doc.components.schemas.InvitationBatchInput.properties.qr.description).toMatch(/default \["svg"\]/)
    expect(doc.components.schemas.SubmissionInput.required).toEqual(expect.arrayContaining(['submissionId', 'survey']))
    expect(doc.paths['/api/v1/invitations'].post.responses['401']).toBeDefined()
  })
})
