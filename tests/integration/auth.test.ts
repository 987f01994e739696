import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createUser } from '../../server/auth/service.ts'
import { verifyAuditChain } from '../../server/audit/service.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { makeAgency, makeDesk, post, signIn, submission } from '../helpers/factories.ts'

let t: TestApp
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(() => t.close())

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
})

describe('staff sign-in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and returns the CSRF token', async () => {
    await createUser(t.db, { username: 'lan', password: 'mat-khau-rat-dai-1', role: 'admin', agencyId: null, actor: 'test' }, t.clock.now())
    const res = await t.app.request('/api/v1/auth/login', json({ username: 'Lan', password: 'mat-khau-rat-dai-1' }))
    expect(res.status).toBe(200)
    const cookie = res.headers.get('Set-Cookie')!
    expect(cookie).toMatch(/^hl_session=[A-Za-z0-9_-]{40,};/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).not.toMatch(/Secure/) // plain http here; behind HTTPS the flag is set
    const body = (await res.json()) as any
    expect(body.user).toMatchObject({ username: 'lan', role: 'admin', agency: null })
    expect(body.csrfToken.length).toBeGreaterThan(20)
    const https = await t.app.request('https://hailong.example/api/v1/auth/login', json({ username: 'lan', password: 'mat-khau-rat-dai-1' }))
    expect(https.headers.get('Set-Cookie')).toMatch(/Secure/)
  })

  it('refuses a wrong password with a reason in both languages, and stores no session', async () => {
    await createUser(t.db, { username: 'lan', password: 'mat-khau-rat-dai-1', role: 'admin', agencyId: null, actor: 'test' }, t.clock.now())
    const res = await t.app.request('/api/v1/auth/login', json({ username: 'lan', password: 'sai' }))
    expect(res.status).toBe(401)
    expect(((await res.json()) as any).error.message.vi).toMatch(/Sai tên đăng nhập/)
    expect(await t.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0)
  })

  it('throttles after 5 failures, even for the right password', async () => {
    await createUser(t.db, { username: 'lan', password: 'mat-khau-rat-dai-1', role: 'admin', agencyId: null, actor: 'test' }, t.clock.now())
    for (let i = 0; i < 5; i++) expect((await t.app.request('/api/v1/auth/login', json({ username: 'lan', password: `sai-${i}` }))).status).toBe(401)
    const blocked = await t.app.request('/api/v1/auth/login', json({ username: 'lan', password: 'mat-khau-rat-dai-1' }))
    expect(blocked.status).toBe(429)
    expect(((await blocked.json()) as any).error.code).toBe('too_many_attempts')
    t.clock.advance(16 * 60_000)
    expect((await t.app.request('/api/v1/auth/login', json({ username: 'lan', password: 'mat-khau-rat-dai-1' }))).status).toBe(200)
  })

  it('50 parallel wrong passwords: at most 5 are verified, and the right one is refused while locked', async () => {
    await createUser(t.db, { username: 'lan', password: 'mat-khau-rat-dai-1', role: 'admin', agencyId: null, actor: 'test' }, t.clock.now())
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => Promise.resolve(t.app.request('/api/v1/auth/login', json({ username: 'lan', password: `sai-${i}` }))).then((r) => r.status)),
    )
    // Every verified wrong password leaves an audit entry; those refused unverified leave none.
    const verified = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'login.failed').execute()
    expect(verified.length).toBeLessThanOrEqual(5)
    expect(statuses.filter((s) => s === 401)).toHaveLength(verified.length)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(45)
    const right = await t.app.request('/api/v1/auth/login', json({ username: 'lan', password: 'mat-khau-rat-dai-1' }))
    expect(right.status).toBe(429)
    expect(await t.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0)
  })

  it('the right password among parallel guesses is refused once the guesses have used up the attempts', async () => {
    await createUser(t.db, { username: 'lan', password: 'mat-khau-rat-dai-1', role: 'admin', agencyId: null, actor: 'test' }, t.clock.now())
    for (let i = 0; i < 5; i++) await t.app.request('/api/v1/auth/login', json({ username: 'lan', password: `sai-${i}` }))
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        Promise.resolve(t.app.request('/api/v1/auth/login', json({ username: 'lan', password: i === 10 ? 'mat-khau-rat-dai-1' : `sai-x${i}` }))).then((r) => r.status),
      ),
    )
    expect(burst.every((s) => s === 429)).toBe(true)
    expect(await t.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0)
  })

  it('the lock is a sliding 15 minutes from the last failure, not a window aligned to the clock', async () => {
    await createUser(t.db, { username: 'lan', password: 'mat-khau-rat-dai-1', role: 'admin', agencyId: null, actor: 'test' }, t.clock.now())
    const attempt = async (password: string) => (await t.app.request('/api/v1/auth/login', json({ username: 'lan', password }))).status
    t.clock.set('2026-05-10T03:59:55.000Z')
    for (let i = 0; i < 5; i++) expect(await attempt(`sai-${i}`)).toBe(401)
    // Ten seconds later the quarter-hour has turned: a clock-aligned window would have lifted the lock.
    t.clock.set('2026-05-10T04:00:05.000Z')
    expect(await attempt('mat-khau-rat-dai-1')).toBe(429)
    // 15 minutes after that refused attempt (itself a failure), and not before, the account opens again.
    t.clock.set('2026-05-10T04:15:04.000Z')
    expect(await attempt('mat-khau-rat-dai-1')).toBe(429)
    t.clock.set('2026-05-10T04:30:05.000Z')
    expect(await attempt('mat-khau-rat-dai-1')).toBe(200)
    // A success clears the account's count: five new mistakes are allowed again before a lock.
    for (let i = 0; i < 4; i++) expect(await attempt(`sai-${i}`)).toBe(401)
    expect(await attempt('mat-khau-rat-dai-1')).toBe(200)
  })

  it('successful sign-ins are not counted as failures (an office signing in all morning is never locked)', async () => {
    for (let i = 0; i < 12; i++) await signIn(t)
  })

  it('gives a new session id at each sign-in (no session fixation) and ends it at logout', async () => {
    const a = await signIn(t)
    const again = await t.app.request('/api/v1/auth/login', json({ username: a.username, password: a.password }, { Cookie: a.cookie }))
    const fresh = again.headers.get('Set-Cookie')!.split(';')[0]!
    expect(fresh).not.toBe(a.cookie)
    expect((await t.app.request('/api/v1/auth/me', { headers: { Cookie: a.cookie } })).status).toBe(401)
    const { csrfToken } = (await again.json()) as any
    expect((await t.app.request('/api/v1/auth/me', { headers: { Cookie: fresh } })).status).toBe(200)
    expect((await t.app.request('/api/v1/auth/logout', { method: 'POST', headers: { Cookie: fresh, 'X-CSRF-Token': csrfToken } })).status).toBe(200)
    expect((await t.app.request('/api/v1/auth/me', { headers: { Cookie: fresh } })).status).toBe(401)
  })

  it('refuses a state-changing request without the CSRF token', async () => {
    const a = await signIn(t)
    const res = await t.app.request('/api/v1/auth/logout', { method: 'POST', headers: { Cookie: a.cookie } })
    expect(res.status).toBe(403)
    expect(((await res.json()) as any).error.code).toBe('csrf_failed')
    const wrong = await t.app.request('/api/v1/auth/logout', { method: 'POST', headers: { Cookie: a.cookie, 'X-CSRF-Token': 'x'.repeat(a.csrfToken.length) } })
    expect(wrong.status).toBe(403)
    expect((await t.app.request('/api/v1/auth/me', { headers: { Cookie: a.cookie } })).status).toBe(200)
  })

  it('changes the password, ending every session, and refuses a short one', async () => {
    const a = await signIn(t)
    const short = await t.app.request('/api/v1/auth/password', json({ current: a.password, next: 'ngan' }, a.headers))
    expect(short.status).toBe(400)
    const ok = await t.app.request('/api/v1/auth/password', json({ current: a.password, next: 'mot-mat-khau-moi-dai' }, a.headers))
    expect(ok.status).toBe(200)
    expect((await t.app.request('/api/v1/auth/me', { headers: { Cookie: a.cookie } })).status).toBe(401)
    expect((await t.app.request('/api/v1/auth/login', json({ username: a.username, password: 'mot-mat-khau-moi-dai' }))).status).toBe(200)
  })

  it('stores only scrypt hashes of passwords and of session ids, and logs sign-ins in the audit chain', async () => {
    const a = await signIn(t)
    const user = await t.db.selectFrom('users').selectAll().executeTakeFirstOrThrow()
    expect(user.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/)
    expect(user.password_hash).not.toContain(a.password)
    const sessions = await t.db.selectFrom('sessions').selectAll().execute()
    expect(sessions[0]!.id_hash).not.toBe(a.cookie.split('=')[1])
    const actions = (await t.db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((r) => r.action)
    expect(actions).toEqual(['user.create', 'login'])
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, entries: 2 })
    await t.db.updateTable('audit_log').set({ actor: 'someone-else' }).where('action', '=', 'user.create').execute()
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenAt: 1 })
  })

  it('scopes reports: a manager sees only the rows of their agency and its sub-agencies', async () => {
    const parent = await makeAgency(t.db, { code: 'SYT' })
    const child = await makeAgency(t.db, { code: 'BV', parentId: parent.id })
    const other = await makeAgency(t.db, { code: 'STP' })
    for (const agency of [parent, child, other]) {
      const desk = await makeDesk(t.db, agency.id)
      await post(t.app, '/api/v1/responses', submission({ overall: 5 }), desk.token)
    }
    const m = await signIn(t, 'manager', parent.id)
    const mine = (await (await t.app.request('/api/v1/reports/mot-cua/2026-Q2', { headers: m.headers })).json()) as any
    expect(mine.units.map((u: any) => u.agency).sort()).toEqual(['BV', 'SYT'])
    const admin = await signIn(t, 'admin')
    const all = (await (await t.app.request('/api/v1/reports/mot-cua/2026-Q2', { headers: admin.headers })).json()) as any
    expect(all.units.map((u: any) => u.agency).sort()).toEqual(['BV', 'STP', 'SYT'])
  })
})

describe('who the audit log names for sign-in and accounts', () => {
  it('names the person as user:<name>, acting and acted on alike', async () => {
    const admin = await signIn(t)
    await t.app.request('/api/v1/auth/login', json({ username: 'Khong-Co', password: 'sai-mat-khau-rat-dai' }))
    const viewer = await signIn(t, 'viewer')
    expect((await t.app.request(`/api/v1/admin/users/${viewer.username}`, { ...json({ active: false }, admin.headers), method: 'PATCH' })).status).toBe(200)
    const res = await t.app.request('/api/v1/auth/password', json({ current: admin.password, next: 'mat-khau-moi-rat-dai-456' }, admin.headers))
    expect(res.status).toBe(200)
    const entries = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'target'])
      .where('action', 'in', ['login', 'login.failed', 'user.deactivate', 'password.change'])
      .orderBy('id')
      .execute()
    expect(entries).toEqual([
      { action: 'login', actor: `user:${admin.username}`, target: `user:${admin.username}` },
      { action: 'login.failed', actor: 'anonymous', target: 'user:khong-co' },
      { action: 'login', actor: `user:${viewer.username}`, target: `user:${viewer.username}` },
      { action: 'user.deactivate', actor: `user:${admin.username}`, target: `user:${viewer.username}` },
      { action: 'password.change', actor: `user:${admin.username}`, target: `user:${admin.username}` },
    ])
  })
})

describe('sign-in does not tell which usernames exist', () => {
  const refusal = async (username: string, password: string) => {
    const res = await t.app.request('/api/v1/auth/login', json({ username, password }))
    const { requestId: _, ...error } = ((await res.json()) as any).error
    return { status: res.status, error }
  }

  it('answers an unknown name, a wrong password and a switched-off account alike', async () => {
    await createUser(t.db, { username: 'lan', password: 'mat-khau-rat-dai-1', role: 'admin', agencyId: null, actor: 'test' }, t.clock.now())
    await createUser(t.db, { username: 'tat', password: 'mat-khau-rat-dai-1', role: 'viewer', agencyId: null, actor: 'test' }, t.clock.now())
    await t.db.updateTable('users').set({ active: 0 }).where('username', '=', 'tat').execute()
    const unknown = await refusal('khong-co-ai', 'mat-khau-rat-dai-1')
    expect(unknown).toMatchObject({ status: 401, error: { code: 'invalid_login' } })
    expect(await refusal('lan', 'mat-khau-sai-roi-1')).toEqual(unknown)
    expect(await refusal('tat', 'mat-khau-rat-dai-1')).toEqual(unknown)
  })
})
