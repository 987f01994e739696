import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { countResponses } from '../../server/responses/repository.ts'
import { runCli } from '../helpers/cli.ts'
import { fileDatabaseUrl } from '../helpers/test-database.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { makeAgency, signIn } from '../helpers/factories.ts'

let t: TestApp
beforeEach(async () => {
  t = await createTestApp({ now: '2026-05-10T03:00:00Z' })
  await makeAgency(t.db, { code: 'SNV' })
  await makeAgency(t.db, { code: 'STP' })
})
afterEach(() => t.close())

const HEADER = 'submission_id,survey,agency,desk,channel,submitted_at,overall,staff,time,reasons,comment'
const upload = async (csv: string, who: Awaited<ReturnType<typeof signIn>>, dryRun: boolean) => {
  const form = new FormData()
  form.set('file', new File([csv], 'phieu-giay.csv', { type: 'text/csv' }))
  const res = await t.app.request(`/api/v1/admin/imports/responses${dryRun ? '?dryRun=1' : ''}`, { method: 'POST', headers: who.headers, body: form })
  return { status: res.status, body: (await res.json()) as any }
}

describe('paper entry in the browser', () => {
  it('previews row-level errors, then imports all or nothing', async () => {
    const a = await signIn(t)
    const bad = [
      HEADER,
      '00000000-0000-4000-8000-000000000001,mot-cua@1,SNV,,paper,2026-04-02,5,,,,',
      '00000000-0000-4000-8000-000000000002,mot-cua@1,SNV,,paper,2026-04-02,9,,,,',
    ].join('\n')
    const preview = await upload(bad, a, true)
    expect(preview.status).toBe(400)
    expect(preview.body.rows).toMatchObject([{ row: 3, column: 'overall', code: 'out_of_range' }])
    expect((await upload(bad, a, false)).status).toBe(400)
    expect(await countResponses(t.db)).toBe(0)
    const good = bad.replace(',9,,,,', ',4,,,,')
    expect((await upload(good, a, true)).body).toMatchObject({ dryRun: true, imported: 2, alreadyPresent: 0 })
    expect(await countResponses(t.db)).toBe(0)
    expect((await upload(good, a, false)).body).toMatchObject({ dryRun: false, imported: 2, alreadyPresent: 0 })
    expect((await upload(good, a, false)).body).toMatchObject({ imported: 0, alreadyPresent: 2 })
    expect(await countResponses(t.db)).toBe(2)
  })

  it('refuses rows for agencies outside a manager’s scope, and viewers entirely', async () => {
    const stp = await t.db.selectFrom('agencies').select('id').where('code', '=', 'STP').executeTakeFirstOrThrow()
    const m = await signIn(t, 'manager', stp.id)
    const csv = [HEADER, '00000000-0000-4000-8000-000000000003,mot-cua@1,SNV,,paper,2026-04-02,5,,,,'].join('\n')
    const res = await upload(csv, m, false)
    expect(res.body.rows).toMatchObject([{ row: 2, column: 'agency', code: 'unknown_agency' }])
    // A foreign agency reads exactly as one that does not exist: the manager learns no other code.
    const missing = await upload(csv.replace(',SNV,', ',KHONG-CO,'), m, false)
    expect(missing.body.rows.map((r: any) => r.message)).toEqual(
      res.body.rows.map((r: any) => ({ vi: r.message.vi.replace('SNV', 'KHONG-CO'), en: r.message.en.replace('SNV', 'KHONG-CO') })),
    )
    const v = await signIn(t, 'viewer')
    expect((await upload(csv, v, false)).status).toBe(403)
    expect(await countResponses(t.db)).toBe(0)
  })
})

describe('hailong audit verify', () => {
  it('passes on an intact chain and names the altered row', async () => {
    const env = { DATABASE_URL: await fileDatabaseUrl('audit') }
    await runCli(['users', 'add', 'lan', '--role', 'admin', '--password', 'mat-khau-rat-dai-1'], env)
    await runCli(['users', 'add', 'minh', '--role', 'viewer', '--password', 'mat-khau-rat-dai-2'], env)
    const ok = await runCli(['audit', 'verify'], env)
    expect(ok.code).toBe(0)
    expect(ok.stdout.trim()).toBe('audit log intact: 2 entries')
    const { openDatabase } = await import('../../server/db/database.ts')
    const { db, close } = await openDatabase(env.DATABASE_URL)
    await db.updateTable('audit_log').set({ target: 'user:someone' }).where('id', '=', 1).execute()
    await close()
    const broken = await runCli(['audit', 'verify'], env)
    expect(broken.code).toBe(1)
    expect(broken.stdout.trim()).toBe('audit log BROKEN at entry 1: content does not match its hash')
  })
})
