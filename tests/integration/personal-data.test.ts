import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/database.ts'
import { rebuildRollups } from '../../server/rollups/rebuild.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { runCli, tempDir } from '../helpers/cli.ts'
import { makeAgency, makeApiKey, makeDesk, post, signIn, submission } from '../helpers/factories.ts'
import { fileDatabaseUrl } from '../helpers/test-database.ts'

const PHONE = '0912 345 678'
const CCCD = '014090001234'
const COMMENT = `Chờ 2 tiếng. Gọi tôi ${PHONE} hoặc tra CCCD ${CCCD}, hồ sơ H34.22-260510-0001`
const MASKED = 'Chờ 2 tiếng. Gọi tôi •••• ••• ••• hoặc tra CCCD ••••••••••••, hồ sơ H34.22-260510-0001'

let t: TestApp
let stp: { id: number; code: string }
let desk: { id: number; code: string; token: string }
beforeEach(async () => {
  t = await createTestApp({ now: '2026-05-10T03:00:00Z', minSample: 1 })
  await makeAgency(t.db, { code: 'TINH', kind: 'province' })
  stp = await makeAgency(t.db, { code: 'STP', name: 'Sở Tư pháp' })
  desk = await makeDesk(t.db, stp.id, 'MC-01')
  expect((await post(t.app, '/api/v1/responses', submission({ overall: 2, reasons: ['wait'], comment: COMMENT }), desk.token)).status).toBe(201)
})
afterEach(() => t.close())

const get = (path: string, headers: Record<string, string>) => t.app.request(path, { headers })
const send = (method: string, path: string, body: unknown, headers: Record<string, string>) =>
  t.app.request(path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) })
/** The counters the report reads, as sorted text: only rows that count something. */
const rollupSnapshot = async () => (await t.db.selectFrom('rollups').selectAll().where('count', '!=', 0).execute()).map((r) => JSON.stringify(r)).sort()
async function expectRollupsEqualRebuild() {
  const incremental = await rollupSnapshot()
  await rebuildRollups(t.db, new SurveyCatalog(t.db), 'Asia/Ho_Chi_Minh')
  expect(await rollupSnapshot()).toEqual(incremental)
}
const auditOf = (action: string) => t.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute()
const responseId = async () => (await t.db.selectFrom('responses').select('id').executeTakeFirstOrThrow()).id
async function xlsxCells(res: Response) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await res.arrayBuffer())
  const rows: unknown[][] = []
  wb.getWorksheet('Góp ý')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)))
  return rows
}

describe('personal data in comments', () => {
  it('masks the phone and the CCCD number for every staff role, in the list, the CSV and the XLSX', async () => {
    for (const who of [await signIn(t, 'admin'), await signIn(t, 'manager', stp.id), await signIn(t, 'viewer')]) {
      const list = (await (await get('/api/v1/dashboard/comments', who.headers)).json()) as any
      expect(list.items[0].text).toBe(MASKED)
      expect(list.items[0].personalData).toEqual(['phone', 'id_number'])
      const csv = await (await get('/api/v1/dashboard/comments/export.csv', who.headers)).text()
      expect(csv).toContain(MASKED)
      expect(csv).not.toContain('345 678')
      expect(csv).not.toContain(CCCD)
      const xlsx = await get('/api/v1/dashboard/comments/export.xlsx?agency=STP', who.headers)
      expect(xlsx.status).toBe(200)
      const rows = await xlsxCells(xlsx)
      expect(rows[1]).toContain(MASKED)
      expect(JSON.stringify(rows)).not.toContain(CCCD)
    }
    expect(await auditOf('comments.export')).toHaveLength(6)
  })

  it('gives the clear text to an admin who asks, with an audit entry, and to nobody else', async () => {
    const admin = await signIn(t, 'admin')
    const manager = await signIn(t, 'manager', stp.id)
    const id = await responseId()

    const refused = await get('/api/v1/dashboard/comments/export.csv?clear=1', manager.headers)
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as any).error.message.vi).toContain('quản trị viên')
    expect((await send('POST', `/api/v1/dashboard/responses/${id}/comment/reveal`, {}, manager.headers)).status).toBe(403)
    expect((await send('POST', `/api/v1/dashboard/responses/${id}/comment/reveal`, {}, { Cookie: admin.cookie })).status).toBe(403)
    expect(await auditOf('comment.reveal')).toHaveLength(0)

    const reveal = await send('POST', `/api/v1/dashboard/responses/${id}/comment/reveal`, { reason: 'Công dân yêu cầu liên hệ lại' }, admin.headers)
    expect(reveal.status).toBe(200)
    expect(((await reveal.json()) as any).text).toBe(COMMENT)
    const [entry] = await auditOf('comment.reveal')
    expect(entry).toMatchObject({ actor: `user:${admin.username}`, target: `response:${id}` })
    expect(JSON.parse(entry!.details!)).toEqual({ reason: 'Công dân yêu cầu liên hệ lại' })

    const csv = await (await get('/api/v1/dashboard/comments/export.csv?clear=1', admin.headers)).text()
    expect(csv).toContain(COMMENT)
    const xlsx = await xlsxCells(await get('/api/v1/dashboard/comments/export.xlsx?clear=1', admin.headers))
    expect(xlsx[1]).toContain(COMMENT)
    const exports = (await auditOf('comments.export')).map((e) => JSON.parse(e.details!))
    expect(exports.map((d) => [d.format, d.clear, d.rows])).toEqual([
      ['csv', true, 1],
      ['xlsx', true, 1],
    ])
    // The list itself stays masked for the admin too: clear text only on an explicit request.
    expect(((await (await get('/api/v1/dashboard/comments', admin.headers)).json()) as any).items[0].text).toBe(MASKED)
  })

  it('refuses a bad reveal request without an audit entry', async () => {
    const admin = await signIn(t, 'admin')
    expect((await send('POST', '/api/v1/dashboard/responses/999999/comment/reveal', {}, admin.headers)).status).toBe(404)
    const bad = await send('POST', `/api/v1/dashboard/responses/${await responseId()}/comment/reveal`, { reason: 'x'.repeat(201) }, admin.headers)
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as any).error.details[0].field).toBe('reason')
    expect(await auditOf('comment.reveal')).toHaveLength(0)
  })
})

describe('retention of comment text', () => {
  it('removes the text of comments older than N years; the ratings and the report stay; the run is audited', async () => {
    t.clock.set('2031-08-01T03:00:00Z')
    const admin = await signIn(t, 'admin')
    expect((await post(t.app, '/api/v1/responses', submission({ overall: 5, comment: 'Rất tốt' }), desk.token)).status).toBe(201)
    const before = await (await get('/api/v1/reports/mot-cua/2026-Q2', admin.headers)).json()

    expect((await send('PATCH', '/api/v1/admin/privacy/settings', { commentYears: 0 }, admin.headers)).status).toBe(400)
    expect((await send('PATCH', '/api/v1/admin/privacy/settings', { commentYears: 5 }, admin.headers)).status).toBe(200)
    const run = (await (await send('POST', '/api/v1/admin/privacy/retention/run', {}, admin.headers)).json()) as any
    expect(run).toMatchObject({ commentYears: 5, cleared: 1, cutoff: '2026-08-01T03:00:00.000Z' })

    const list = (await (await get('/api/v1/dashboard/comments', admin.headers)).json()) as any
    expect(list.items.map((i: any) => i.text)).toEqual(['Rất tốt'])
    expect(JSON.stringify(await t.db.selectFrom('answers').selectAll().execute())).not.toContain('Chờ 2 tiếng')
    expect(await (await get('/api/v1/reports/mot-cua/2026-Q2', admin.headers)).json()).toEqual(before)
    expect((await auditOf('privacy.settings.set')).map((e) => JSON.parse(e.details!))).toEqual([
      { before: { commentYears: null, contact: null }, after: { commentYears: 5, contact: null } },
    ])
    expect(JSON.parse((await auditOf('privacy.retention.run'))[0]!.details!)).toMatchObject({ commentYears: 5, cleared: 1 })
    await expectRollupsEqualRebuild()
  })

  it('keeps everything while no retention period is set, and only admins may set it', async () => {
    const manager = await signIn(t, 'manager', stp.id)
    expect((await send('PATCH', '/api/v1/admin/privacy/settings', { commentYears: 1 }, manager.headers)).status).toBe(403)
    t.clock.set('2040-01-01T00:00:00Z')
    const admin = await signIn(t, 'admin')
    expect(((await (await send('POST', '/api/v1/admin/privacy/retention/run', {}, admin.headers)).json()) as any).cleared).toBe(0)
    expect((await t.db.selectFrom('answers').select('value_text').where('question_id', '=', 'comment').executeTakeFirstOrThrow()).value_text).toBe(COMMENT)
  })
})

describe('erasing the responses of a dossier on request', () => {
  const DOSSIER = 'H34.175.01-260510-AB0042'
  let admin: Awaited<ReturnType<typeof signIn>>
  beforeEach(async () => {
    admin = await signIn(t, 'admin')
    const { key } = await makeApiKey(t.db, stp.id)
    for (const [dossier, overall] of [
      [DOSSIER, 1],
      ['H34.175.01-260510-AB0043', 5],
    ] as const) {
      const { token } = (await post(t.app, '/api/v1/invitations', { desk: 'MC-01', dossier }, key)).body
      const res = await post(
        t.app,
        '/api/v1/responses',
        { submissionId: randomUUID(), survey: 'mot-cua@1', answers: { overall, ...(overall <= 3 ? { reasons: ['attitude'], comment: 'Tôi là Nguyễn Văn A' } : {}) } },
        token,
      )
      expect(res.status).toBe(201)
    }
  })

  it('finds them by the dossier code, erases them, recomputes the index and audits both steps', async () => {
    const report = async () => (await (await get('/api/v1/reports/mot-cua/2026-Q2', admin.headers)).json()) as any
    const before = await report()
    expect(before.overall.n).toBe(3)

    const found = (await (await send('POST', '/api/v1/admin/privacy/dossiers/lookup', { dossier: ` ${DOSSIER.toLowerCase()} ` }, admin.headers)).json()) as any
    expect(found.responses).toHaveLength(1)
    expect(found.responses[0]).toMatchObject({ agency: 'STP', survey: 'mot-cua@1', channel: 'qr', quarter: '2026-Q2' })
    const id = found.responses[0].id

    const dossiersBefore = await t.db.selectFrom('dossiers').select('dossier_hash').execute()
    const erased = await send('POST', '/api/v1/admin/privacy/dossiers/erase', { dossier: DOSSIER, reason: 'Đơn yêu cầu xoá dữ liệu số 12/2026' }, admin.headers)
    expect(erased.status).toBe(200)
    expect(await erased.json()).toEqual({ erased: 1, quarters: ['2026-Q2'] })
    // The dossier still counts in the response rate, under a key that no longer leads to the person.
    const dossiersAfter = await t.db.selectFrom('dossiers').select('dossier_hash').execute()
    expect(dossiersAfter).toHaveLength(dossiersBefore.length)
    expect(dossiersAfter.filter((d) => d.dossier_hash.startsWith('forgotten:'))).toHaveLength(1)

    const after = await report()
    expect(after.overall.n).toBe(2)
    expect(after.overall.index).not.toBe(before.overall.index)
    expect(await t.db.selectFrom('answers').selectAll().where('response_id', '=', id).execute()).toEqual([])
    expect(((await (await get('/api/v1/dashboard/comments', admin.headers)).json()) as any).items.map((i: any) => i.text)).not.toContain('Tôi là Nguyễn Văn A')
    expect(((await (await send('POST', '/api/v1/admin/privacy/dossiers/lookup', { dossier: DOSSIER }, admin.headers)).json()) as any).responses).toEqual([])

    const [entry] = await auditOf('privacy.dossier.erase')
    expect(JSON.parse(entry!.details!)).toEqual({ reason: 'Đơn yêu cầu xoá dữ liệu số 12/2026', responses: [id], quarters: ['2026-Q2'] })
    expect(await auditOf('privacy.dossier.lookup')).toHaveLength(2)
    // The audit log names the dossier by a hash, never by its code.
    expect(JSON.stringify(await t.db.selectFrom('audit_log').selectAll().execute())).not.toContain(DOSSIER)

    await expectRollupsEqualRebuild()
  })

  it('refuses without a reason, for a manager, and changes nothing', async () => {
    const noReason = await send('POST', '/api/v1/admin/privacy/dossiers/erase', { dossier: DOSSIER }, admin.headers)
    expect(noReason.status).toBe(400)
    expect(((await noReason.json()) as any).error.details[0]).toMatchObject({ field: 'reason' })
    const manager = await signIn(t, 'manager', stp.id)
    expect((await send('POST', '/api/v1/admin/privacy/dossiers/erase', { dossier: DOSSIER, reason: 'yêu cầu' }, manager.headers)).status).toBe(403)
    expect((await send('POST', '/api/v1/admin/privacy/dossiers/lookup', { dossier: DOSSIER }, manager.headers)).status).toBe(403)
    expect(await t.db.selectFrom('responses').select('id').where('deleted_at', 'is not', null).execute()).toEqual([])
    expect(await auditOf('privacy.dossier.erase')).toEqual([])
  })
})

describe('hailong comments retention and export responses (command line)', () => {
  it('masks personal data in the responses export unless --clear; removes old comment text; both audited', async () => {
    const dir = tempDir('hailong-pd-')
    const env = { DATABASE_URL: await fileDatabaseUrl('pd'), HAILONG_TZ: 'Asia/Ho_Chi_Minh' }
    fs.writeFileSync(path.join(dir, 'ag.csv'), 'code,name,parent,kind\nSNV,Sở Nội vụ,,department\n')
    const old = new Date(Date.now() - 7 * 365 * 24 * 3600_000).toISOString().slice(0, 10)
    const recent = new Date(Date.now() - 30 * 24 * 3600_000).toISOString().slice(0, 10)
    fs.writeFileSync(
      path.join(dir, 'paper.csv'),
      [
        'submission_id,survey,agency,desk,channel,submitted_at,overall,staff,time,reasons,comment',
        `00000000-0000-4000-8000-00000000000a,mot-cua@1,SNV,,paper,${old},2,,,wait,Cũ: gọi 0987654321`,
        `00000000-0000-4000-8000-00000000000b,mot-cua@1,SNV,,paper,${recent},2,,,wait,"${COMMENT}"`,
      ].join('\n'),
    )
    await runCli(['agencies', 'import', path.join(dir, 'ag.csv')], env)
    expect((await runCli(['responses', 'import', path.join(dir, 'paper.csv')], env)).stdout.trim()).toBe('imported 2, already present 0, rejected 0')
    const period = recent.slice(0, 4)

    const masked = path.join(dir, 'masked.csv')
    expect((await runCli(['export', 'responses', '--period', period, '--out', masked], env)).code).toBe(0)
    expect(fs.readFileSync(masked, 'utf8')).toContain(MASKED)
    const clear = path.join(dir, 'clear.csv')
    expect((await runCli(['export', 'responses', '--period', period, '--clear', '--out', clear], env)).code).toBe(0)
    expect(fs.readFileSync(clear, 'utf8')).toContain(COMMENT)

    expect((await runCli(['comments', 'retention', '--years', 'zero'], env)).code).toBe(2)
    const off = await runCli(['comments', 'retention'], env)
    expect(off.stdout).toMatch(/retention: off/)
    const run = await runCli(['comments', 'retention', '--years', '5'], env)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^comments retention: 5 years, removed the text of 1 answers/)

    const { db, close } = await openDatabase(env.DATABASE_URL)
    try {
      const texts = (await db.selectFrom('answers').select('value_text').where('question_id', '=', 'comment').execute()).map((a) => a.value_text)
      expect(texts.sort()).toEqual([COMMENT, null].sort())
      expect(await db.selectFrom('answers').select('value_num').where('question_id', '=', 'overall').execute()).toHaveLength(2)
      const actions = (await db.selectFrom('audit_log').select(['action', 'details']).where('actor', '=', 'cli').execute()).map((a) => a.action)
      expect(actions).toEqual(expect.arrayContaining(['responses.export', 'privacy.settings.set', 'privacy.retention.run']))
      const exports = await db.selectFrom('audit_log').select('details').where('action', '=', 'responses.export').execute()
      expect(exports.map((e) => JSON.parse(e.details!).clear)).toEqual([false, true])
    } finally {
      await close()
    }
  }, 180_000)
})
