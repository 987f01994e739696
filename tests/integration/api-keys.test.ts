import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../server/audit/service.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { databaseText, makeAgency, post, signIn } from '../helpers/factories.ts'

let t: TestApp
let province: { id: number; code: string }
let dept: { id: number; code: string }
let other: { id: number; code: string }
beforeEach(async () => {
  t = await createTestApp()
  province = await makeAgency(t.db, { code: 'UBND', name: 'UBND tỉnh' })
  dept = await makeAgency(t.db, { code: 'SNV', name: 'Sở Nội vụ', parentId: province.id })
  other = await makeAgency(t.db, { code: 'STC', name: 'Sở Tài chính', parentId: province.id })
})
afterEach(() => t.close())

const send = (path: string, body: unknown, headers: Record<string, string>) =>
  t.app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) })
const create = async (headers: Record<string, string>, agency: string, name = 'Phần mềm Một cửa tỉnh') => {
  const res = await send('/api/v1/api-keys', { agency, name }, headers)
  return { status: res.status, body: (await res.json()) as any }
}
const mint = (key: string) => post(t.app, '/api/v1/invitations', { agency: 'SNV' }, key)

describe('API keys', () => {
  it('an admin creates a key shown once, stored hashed, listed by its prefix only, and audited', async () => {
    const admin = await signIn(t, 'admin')
    const res = await create(admin.headers, 'SNV')
    expect(res.status).toBe(201)
    // hlk_ + 43 base64url characters: 256 random bits.
    expect(res.body.key).toMatch(/^hlk_[A-Za-z0-9_-]{43}$/)
    expect(res.body).toMatchObject({ prefix: res.body.key.slice(0, 12), agency: { code: 'SNV' }, name: 'Phần mềm Một cửa tỉnh' })
    expect((await mint(res.body.key)).status).toBe(201)
    const list = (await (await t.app.request('/api/v1/api-keys', { headers: admin.headers })).json()) as any
    expect(list.items).toHaveLength(1)
    expect(list.items[0]).toMatchObject({ prefix: res.body.key.slice(0, 12), revokedAt: null, lastUsedAt: '2026-05-10T03:00:00.000Z' })
    expect(JSON.stringify(list)).not.toContain(res.body.key)
    expect(await databaseText(t.db)).not.toContain(res.body.key.slice(12))
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor']).where('action', 'like', 'api_key.%').execute()
    expect(audit).toEqual([{ action: 'api_key.create', actor: `user:${admin.username}` }])
    expect((await verifyAuditChain(t.db)).ok).toBe(true)
  })

  it('a manager creates keys only within the agency’s scope; a viewer creates none', async () => {
    const manager = await signIn(t, 'manager', dept.id)
    expect((await create(manager.headers, 'SNV')).status).toBe(201)
    const outside = await create(manager.headers, 'STC')
    expect(outside.status).toBe(400)
    expect(outside.body.error.details[0].message.vi).toMatch(/trong phạm vi/)
    // A foreign agency and one that does not exist get the same answer: no code is revealed.
    const missing = await create(manager.headers, 'KHONG-CO')
    expect(missing.status).toBe(400)
    expect(missing.body.error.details[0].message.en.replace('KHONG-CO', 'STC')).toBe(outside.body.error.details[0].message.en)
    const viewer = await signIn(t, 'viewer', dept.id)
    expect((await create(viewer.headers, 'SNV')).status).toBe(403)
    expect((await t.app.request('/api/v1/api-keys', { headers: viewer.headers })).status).toBe(403)
    expect(await t.db.selectFrom('api_keys').select('id').execute()).toHaveLength(1)
  })

  it('a manager lists only the keys of the agency’s scope', async () => {
    const admin = await signIn(t, 'admin')
    await create(admin.headers, 'SNV')
    await create(admin.headers, 'STC')
    const manager = await signIn(t, 'manager', other.id)
    const list = (await (await t.app.request('/api/v1/api-keys', { headers: manager.headers })).json()) as any
    expect(list.items.map((k: any) => k.agency.code)).toEqual(['STC'])
  })

  it('refuses creation without the CSRF token or a session', async () => {
    const admin = await signIn(t, 'admin')
    expect((await create({ Cookie: admin.cookie }, 'SNV')).status).toBe(403)
    expect((await create({}, 'SNV')).status).toBe(401)
    expect(await t.db.selectFrom('api_keys').select('id').execute()).toHaveLength(0)
  })

  it('revoking a key stops it at once (401), is audited, and is refused outside the scope', async () => {
    const admin = await signIn(t, 'admin')
    const { id, key } = (await create(admin.headers, 'SNV')).body
    const stranger = await signIn(t, 'manager', other.id)
    expect((await send(`/api/v1/api-keys/${id}/revoke`, {}, stranger.headers)).status).toBe(404)
    expect((await mint(key)).status).toBe(201)
    expect((await send(`/api/v1/api-keys/${id}/revoke`, {}, admin.headers)).status).toBe(200)
    const refused = await mint(key)
    expect(refused.status).toBe(401)
    expect(refused.body.error.code).toBe('invalid_api_key')
    const list = (await (await t.app.request('/api/v1/api-keys', { headers: admin.headers })).json()) as any
    expect(list.items[0].revokedAt).toBe('2026-05-10T03:00:00.000Z')
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'api_key.%').execute()
    expect(audit.map((a) => a.action)).toEqual(['api_key.create', 'api_key.revoke'])
  })

  it('refuses a key for an unknown agency with a field-level reason', async () => {
    const admin = await signIn(t, 'admin')
    const res = await create(admin.headers, 'KHONG')
    expect(res.status).toBe(400)
    expect(res.body.error.details[0]).toMatchObject({ field: 'agency', code: 'unknown_agency' })
  })
})
