import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readDefinitionDir } from '../../server/surveys/definition-files.ts'
import { surveyForDesk } from '../../server/desks/service.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { makeAgency, makeDesk, makeKiosk, post, signIn, submission } from '../helpers/factories.ts'

let t: TestApp
let admin: Awaited<ReturnType<typeof signIn>>
beforeEach(async () => {
  t = await createTestApp({ now: '2026-05-10T03:00:00Z', minSample: 1 })
  await makeAgency(t.db, { code: 'TINH', kind: 'province' })
  admin = await signIn(t, 'admin')
})
afterEach(() => t.close())

const send = async (method: string, path: string, body: unknown, who = admin) => {
  const res = await t.app.request(path, { method, headers: { 'Content-Type': 'application/json', ...who.headers }, body: JSON.stringify(body) })
  return { status: res.status, body: (await res.json()) as any }
}
const agencies = async () => (await (await t.app.request('/api/v1/admin/agencies', { headers: admin.headers })).json()) as any

describe('agencies', () => {
  it('creates, edits, moves and deactivates an agency, with field-level errors for bad input', async () => {
    expect((await send('POST', '/api/v1/admin/agencies', { code: 'SNV', name: 'Sở Nội vụ', parent: 'TINH', kind: 'department' })).status).toBe(201)
    const bad = await send('POST', '/api/v1/admin/agencies', { code: 'S N V', name: '', parent: 'NOPE', kind: 'city' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.map((d: any) => d.field).sort()).toEqual(['code', 'kind', 'name'])
    expect((await send('POST', '/api/v1/admin/agencies', { code: 'X', name: 'X', parent: 'NOPE', kind: 'other' })).body.error.details[0].code).toBe('unknown_parent')
    expect((await send('POST', '/api/v1/admin/agencies', { code: 'SNV', name: 'Trùng', parent: null, kind: 'other' })).status).toBe(409)
    expect((await send('PATCH', '/api/v1/admin/agencies/SNV', { name: 'Sở Nội vụ tỉnh', parent: null, kind: 'department' })).status).toBe(200)
    expect((await send('PATCH', '/api/v1/admin/agencies/TINH', { name: 'Tỉnh', parent: 'SNV', kind: 'province' })).status).toBe(200)
    // SNV is now TINH's parent: moving SNV under TINH would make a cycle.
    expect((await send('PATCH', '/api/v1/admin/agencies/SNV', { name: 'Sở Nội vụ', parent: 'TINH', kind: 'department' })).body.error.details[0].code).toBe('parent_cycle')
    expect((await send('POST', '/api/v1/admin/agencies/SNV/active', { active: false })).status).toBe(200)
    expect((await agencies()).agencies.find((a: any) => a.code === 'SNV')).toMatchObject({ name: 'Sở Nội vụ tỉnh', active: false, parent: null })
  })

  it('merging A into B keeps A’s history under A and reports B from the merge on', async () => {
    const a = await makeAgency(t.db, { code: 'XA-A', kind: 'commune' })
    const b = await makeAgency(t.db, { code: 'XA-B', kind: 'commune' })
    const desk = await makeDesk(t.db, a.id, 'MC-01')
    await makeDesk(t.db, b.id, 'MC-01')
    await post(t.app, '/api/v1/responses', submission({ overall: 5 }), desk.token)
    expect((await send('POST', '/api/v1/admin/agencies/XA-A/merge', { into: 'XA-B' })).status).toBe(200)
    t.clock.advance(60_000)
    await post(t.app, '/api/v1/responses', submission({ overall: 1 }), desk.token) // the same poster, after the merge
    const report = (await (await t.app.request('/api/v1/reports/mot-cua/2026-Q2', { headers: admin.headers })).json()) as any
    expect(report.units.map((u: any) => [u.agency, u.n, u.index])).toEqual([
      ['XA-A', 1, 100],
      ['XA-B', 1, 0],
    ])
    const list = await agencies()
    expect(list.agencies.find((x: any) => x.code === 'XA-A')).toMatchObject({ active: false, mergedInto: 'XA-B', desks: [] })
    expect(
      list.agencies
        .find((x: any) => x.code === 'XA-B')
        .desks.map((d: any) => d.code)
        .sort(),
    ).toEqual(['MC-01', 'XA-A-MC-01'])
  })

  it('exports the agencies CSV in the import format', async () => {
    const res = await t.app.request('/api/v1/admin/agencies/export.csv', { headers: admin.headers })
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())
    expect(text).toBe('\uFEFFcode,name,parent,kind,active\r\nTINH,Cơ quan TINH,,province,1\r\n')
  })

  it('lets only admins change agencies; managers run desks in their scope only', async () => {
    const own = await makeAgency(t.db, { code: 'STP' })
    await makeAgency(t.db, { code: 'SNV' })
    const m = await signIn(t, 'manager', own.id)
    expect((await send('POST', '/api/v1/admin/agencies', { code: 'Y', name: 'Y', parent: null, kind: 'other' }, m)).status).toBe(403)
    expect((await send('POST', '/api/v1/admin/desks', { agency: 'STP', code: 'MC-09', name: 'Quầy 9' }, m)).status).toBe(201)
    expect((await send('POST', '/api/v1/admin/desks', { agency: 'SNV', code: 'MC-09', name: 'Quầy 9' }, m)).status).toBe(404)
    const id = (await t.db.selectFrom('desks').select('id').where('code', '=', 'MC-09').executeTakeFirstOrThrow()).id
    expect((await send('PATCH', `/api/v1/admin/desks/${id}`, { agency: 'SNV' }, m)).status).toBe(404)
    expect((await send('PATCH', `/api/v1/admin/desks/${id}`, { name: 'Quầy hộ tịch' }, m)).status).toBe(200)
    const v = await signIn(t, 'viewer', own.id)
    expect((await send('PATCH', `/api/v1/admin/desks/${id}`, { name: 'X' }, v)).status).toBe(403)
  })
})

describe('survey versions', () => {
  const motCua = () => structuredClone(readDefinitionDir()[0]!) as any

  it('draft → published → retired; a published version can never be edited by any route', async () => {
    const def = motCua()
    def.pages[0].questions[0].text.vi = 'Ông/Bà đánh giá thế nào về buổi làm việc hôm nay?'
    const draft = await send('POST', '/api/v1/admin/surveys', { instrument: 'mot-cua', definition: def })
    expect(draft.status).toBe(201)
    expect(draft.body.key).toBe('mot-cua@2')
    def.pages[0].questions[0].text.en = 'How was your visit today?'
    expect((await send('PUT', `/api/v1/admin/surveys/${draft.body.id}`, { definition: def })).status).toBe(200)
    // Drafts are not open to citizens.
    expect((await t.app.request('/api/v1/surveys/mot-cua@2')).status).toBe(404)
    expect((await send('POST', `/api/v1/admin/surveys/${draft.body.id}/publish`, {})).status).toBe(200)
    expect((await t.app.request('/api/v1/surveys/mot-cua@2')).status).toBe(200)
    const edit = await send('PUT', `/api/v1/admin/surveys/${draft.body.id}`, { definition: def })
    expect(edit.status).toBe(409)
    expect(edit.body.error.code).toBe('published_version_immutable')
    const v1 = (await t.db.selectFrom('survey_versions').select('id').where('version', '=', 1).where('instrument', '=', 'mot-cua').executeTakeFirstOrThrow()).id
    expect((await send('PUT', `/api/v1/admin/surveys/${v1}`, { definition: def })).status).toBe(409)
    expect((await send('POST', `/api/v1/admin/surveys/${v1}/publish`, {})).status).toBe(409)
    expect((await send('POST', `/api/v1/admin/surveys/${v1}/retire`, {})).status).toBe(200)
    expect((await send('POST', `/api/v1/admin/surveys/${v1}/retire`, {})).status).toBe(409)
  })

  it('keeps a draft with problems, refuses to publish it with each problem at its field, in staff words', async () => {
    const def = motCua()
    def.pages[1].questions[2].visibleIf.question = 'comment'
    delete def.pages[0].questions[0].text.vi
    const res = await send('POST', '/api/v1/admin/surveys', { instrument: 'mot-cua', definition: def })
    expect(res.status).toBe(201)
    expect(res.body.problems.map((p: any) => p.path)).toEqual(['pages.0.questions.0.text.vi'])
    const refused = await send('POST', `/api/v1/admin/surveys/${res.body.id}/publish`, {})
    expect(refused.status).toBe(400)
    expect(refused.body.error.message.vi).toBe('Chưa ban hành được: phiếu còn 1 chỗ cần sửa')
    expect(refused.body.error.details).toEqual([
      {
        field: 'definition.pages.0.questions.0.text.vi',
        code: 'invalid_type',
        message: { vi: 'Trang 1, câu 1, nội dung tiếng Việt: Chưa nhập nội dung tiếng Việt', en: 'Page 1, question 1, Vietnamese text: The Vietnamese text is missing' },
      },
    ])
    // Cross-references are checked once every field has the right shape: a condition on a later question.
    def.pages[0].questions[0].text.vi = 'Câu hỏi'
    const saved = await send('PUT', `/api/v1/admin/surveys/${res.body.id}`, { definition: def })
    expect(saved.body.problems).toMatchObject([
      { path: 'pages.1.questions.2.visibleIf.question', message: { vi: 'Điều kiện hiển thị phải dựa vào một câu hỏi đứng trước câu này' } },
    ])
    const again = await send('POST', `/api/v1/admin/surveys/${res.body.id}/publish`, {})
    expect(again.body.error.details).toMatchObject([{ field: 'definition.pages.1.questions.2.visibleIf.question', code: 'custom' }])
    const row = await t.db.selectFrom('survey_versions').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow()
    expect(row.status).toBe('draft')
    // Neither citizens nor desks can use a draft.
    expect((await t.app.request('/api/v1/surveys/mot-cua@2')).status).toBe(404)
  })

  it('publishing shows what changed against the copied version and needs a reason when comparability breaks', async () => {
    const v1 = (await t.db.selectFrom('survey_versions').select('id').where('instrument', '=', 'mot-cua').where('version', '=', 1).executeTakeFirstOrThrow()).id
    const def = motCua()
    def.pages[1].questions = def.pages[1].questions.filter((q: any) => q.id !== 'time')
    def.index.criteria = ['overall', 'staff']
    def.pages[1].questions[1].options[0].text.vi = 'Phải chờ quá lâu'
    const draft = await send('POST', '/api/v1/admin/surveys', { instrument: 'mot-cua', definition: def, basedOn: v1 })
    expect(draft.body).toMatchObject({ key: 'mot-cua@2', problems: [] })
    const got = await send('GET', `/api/v1/admin/surveys/${draft.body.id}`, undefined)
    expect(got.body.base.key).toBe('mot-cua@1')
    expect(got.body.review.changes.map((c: any) => `${c.kind}:${c.severity}`)).toEqual(['question_removed:breaks', 'option_text:info', 'criterion_removed:breaks'])
    const refused = await send('POST', `/api/v1/admin/surveys/${draft.body.id}/publish`, {})
    expect(refused.status).toBe(400)
    expect(refused.body.error.details).toMatchObject([{ field: 'reason', code: 'reason_required' }])
    expect((await send('POST', `/api/v1/admin/surveys/${draft.body.id}/publish`, { reason: 'Bỏ câu thời gian theo Quyết định 12/QĐ-SNV' })).status).toBe(200)
    const entry = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'survey.publish').executeTakeFirstOrThrow()
    expect(entry.actor).toMatch(/^user:/)
    expect(JSON.parse(entry.details!)).toMatchObject({
      basedOn: 'mot-cua@1',
      reason: 'Bỏ câu thời gian theo Quyết định 12/QĐ-SNV',
      breaks: [expect.stringMatching(/^Bỏ câu «Thời gian chờ/), expect.stringMatching(/bỏ tiêu chí/)],
    })
    // Published content is the checked definition: defaults filled in, served to citizens.
    const served = (await (await t.app.request('/api/v1/surveys/mot-cua@2')).json()) as any
    expect(served.definition.pages[1].questions[0].required).toBe(false)
    // A copy must come from a published version of the same instrument.
    expect((await send('POST', '/api/v1/admin/surveys', { instrument: 'sipas-2017', definition: def, basedOn: v1 })).body.error.details[0].field).toBe('basedOn')
  })

  it('assigns a version per desk and channel; managers and admins only', async () => {
    const agency = await makeAgency(t.db, { code: 'STP' })
    const desk = await makeDesk(t.db, agency.id)
    const catalog = new SurveyCatalog(t.db)
    expect((await surveyForDesk(t.db, catalog, desk.id, 'kiosk')).key).toBe('mot-cua@1')
    expect((await send('PUT', `/api/v1/admin/desks/${desk.id}/surveys`, { kiosk: 'sipas-2017@1' })).status).toBe(200)
    expect((await surveyForDesk(t.db, catalog, desk.id, 'kiosk')).key).toBe('sipas-2017@1')
    expect((await surveyForDesk(t.db, catalog, desk.id, 'qr')).key).toBe('mot-cua@1')
    const bad = await send('PUT', `/api/v1/admin/desks/${desk.id}/surveys`, { qr: 'mot-cua@7' })
    expect(bad.body.error.details[0]).toMatchObject({ field: 'qr', code: 'unknown_survey' })
  })
})

describe('users and audit', () => {
  it('managers create accounts only within their scope and never admins', async () => {
    const own = await makeAgency(t.db, { code: 'STP' })
    await makeAgency(t.db, { code: 'SNV' })
    const m = await signIn(t, 'manager', own.id)
    const body = (role: string, agency: string | null) => ({ username: `u-${role}-${agency}`, password: 'mat-khau-du-dai-1', role, agency })
    expect((await send('POST', '/api/v1/admin/users', body('viewer', 'STP'), m)).status).toBe(201)
    // A foreign agency reads as one that does not exist (no code revealed), with the same reason.
    const foreign = await send('POST', '/api/v1/admin/users', body('viewer', 'SNV'), m)
    const missing = await send('POST', '/api/v1/admin/users', body('viewer', 'KHONG'), m)
    expect([foreign.status, missing.status]).toEqual([400, 400])
    expect(missing.body.error.details[0].message.en.replace('KHONG', 'SNV')).toBe(foreign.body.error.details[0].message.en)
    expect((await send('POST', '/api/v1/admin/users', body('admin', 'STP'), m)).status).toBe(403)
    expect((await send('POST', '/api/v1/admin/users', body('viewer', null), m)).status).toBe(403)
    const weak = await send('POST', '/api/v1/admin/users', { ...body('viewer', 'STP'), username: 'yeu', password: 'ngan' }, m)
    expect(weak.status).toBe(400)
    const listed = (await (await t.app.request('/api/v1/admin/users', { headers: m.headers })).json()) as any
    expect(listed.users.map((u: any) => u.username).sort()).toEqual([m.username, 'u-viewer-stp'])
  })

  it('deactivating an account ends its sessions', async () => {
    const v = await signIn(t, 'viewer')
    expect((await send('PATCH', `/api/v1/admin/users/${v.username}`, { active: false })).status).toBe(200)
    expect((await t.app.request('/api/v1/auth/me', { headers: v.headers })).status).toBe(401)
  })

  it('lists the audit log with the chain status, for admins only', async () => {
    await send('POST', '/api/v1/admin/agencies', { code: 'SNV', name: 'Sở Nội vụ', parent: null, kind: 'department' })
    const log = (await (await t.app.request('/api/v1/admin/audit', { headers: admin.headers })).json()) as any
    expect(log.chain).toMatchObject({ ok: true })
    expect(log.entries[0]).toMatchObject({ action: 'agency.create', target: 'agency:SNV', actor: `user:${admin.username}` })
    const v = await signIn(t, 'viewer')
    expect((await t.app.request('/api/v1/admin/audit', { headers: v.headers })).status).toBe(403)
  })
})

describe('survey assignment reaches the tablets', () => {
  it('a kiosk switches to the newly assigned version at its next heartbeat', async () => {
    const agency = await makeAgency(t.db, { code: 'STP' })
    const desk = await makeDesk(t.db, agency.id)
    const created = await makeKiosk(t.db, desk.id, t.clock.now())
    const paired = await post(t.app, '/api/v1/kiosk/pair', { code: created.code })
    const device = { Authorization: `Bearer ${paired.body.secret}` }
    const config = async () => (await (await t.app.request('/api/v1/kiosk/config', { headers: device })).json()) as any
    const before = await config()
    expect(before.survey).toBe('mot-cua@1')
    expect((await send('PUT', `/api/v1/admin/desks/${desk.id}/surveys`, { kiosk: 'tt01-2018@1' })).status).toBe(200)
    const beat = (await (
      await t.app.request('/api/v1/kiosk/heartbeat', {
        method: 'POST',
        headers: { ...device, 'Content-Type': 'application/json' },
        body: JSON.stringify({ appVersion: '1', queueLength: 0 }),
      })
    ).json()) as any
    expect(beat.configHash).not.toBe(before.configHash)
    expect((await config()).survey).toBe('tt01-2018@1')
  })
})
