import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { signIn } from '../helpers/factories.ts'

let t: TestApp
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(() => t.close())

const json = (headers: Record<string, string>, body: unknown) => ({ method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

describe('one transaction per use case, its audit entry inside it', () => {
  it('an agency import whose audit entry cannot be written stores nothing', async () => {
    const admin = await signIn(t, 'admin')
    // Without the audit log's head row no entry can be appended; the import must not commit without one.
    await t.db.deleteFrom('audit_head').execute()
    const form = new FormData()
    form.set('file', new File(['code,name,parent,kind\nSNV,Sở Nội vụ,,department\n'], 'co-quan.csv', { type: 'text/csv' }))
    const res = await t.app.request('/api/v1/admin/agencies/import', { method: 'POST', headers: admin.headers, body: form })
    expect(res.status).toBe(500)
    expect(await t.db.selectFrom('agencies').select('code').execute()).toEqual([])
  })

  it('an agency import and its audit entry commit together', async () => {
    const admin = await signIn(t, 'admin')
    const form = new FormData()
    form.set('file', new File(['code,name,parent,kind\nSNV,Sở Nội vụ,,department\n'], 'co-quan.csv', { type: 'text/csv' }))
    const res = await t.app.request('/api/v1/admin/agencies/import', { method: 'POST', headers: admin.headers, body: form })
    expect(res.status).toBe(200)
    const entries = await t.db.selectFrom('audit_log').select(['action', 'actor']).where('action', '=', 'agencies.import').execute()
    expect(entries).toEqual([{ action: 'agencies.import', actor: `user:${admin.username}` }])
  })

  it('the same agency created twice at once: one 201, the other 409 with a reason in both languages, never a 500', async () => {
    const admin = await signIn(t, 'admin')
    const body = { code: 'SNV', name: 'Sở Nội vụ', parent: null, kind: 'department' }
    const results = await Promise.all(Array.from({ length: 6 }, () => t.app.request('/api/v1/admin/agencies', json(admin.headers, body))))
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409])
    for (const r of results.filter((r) => r.status === 409)) {
      const { error } = (await r.json()) as { error: { code: string; message: { vi: string; en: string } } }
      expect(['code_taken', 'already_exists']).toContain(error.code)
      expect(error.message.vi).toBeTruthy()
      expect(error.message.en).toBeTruthy()
    }
    expect(await t.db.selectFrom('agencies').select('code').execute()).toEqual([{ code: 'SNV' }])
  })
})
