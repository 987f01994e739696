import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { DEFAULT_TIMEZONE } from '../../server/domain/periods.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { startServer, type TestServer, WEB_ROOT } from '../helpers/browser.ts'
import { startSweeper } from '../../server/maintenance/sweep.ts'
import { makeAgency, makeDesk, makeKiosk, makeSnvDesk, post, signIn } from '../helpers/factories.ts'

// What surrounds the authorization matrix (authorization-matrix.test.ts): cookies, headers, body sizes and
// the static files. Login and API-key throttling are in auth.test.ts and invitations.test.ts.

let t: TestApp
/** The same database behind the web pages, as if behind an HTTPS load balancer. */
let web: ReturnType<typeof createApp>
let desk: { id: number; token: string }
let key: string
beforeAll(async () => {
  t = await createTestApp()
  ;({ desk, key } = await makeSnvDesk(t.db))
  web = createApp({ db: t.db, databaseKind: t.kind, clock: t.clock, timeZone: DEFAULT_TIMEZONE, minSample: 30, webRoot: WEB_ROOT, trustProxy: true })
})
afterAll(() => t.close())

const cookieFlags = (setCookie: string | null) => {
  expect(setCookie).not.toBeNull()
  return setCookie!.split(';').map((p) => p.trim().toLowerCase())
}

describe('cookies', () => {
  it('the session cookie is HttpOnly, SameSite=Lax, for the whole site, and Secure behind HTTPS', async () => {
    const staff = await signIn(t, 'admin')
    const login = (app: { request: typeof web.request }, headers: Record<string, string> = {}) =>
      app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ username: staff.username, password: staff.password }),
      })
    const plain = cookieFlags((await login(t.app)).headers.get('Set-Cookie'))
    expect(plain).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']))
    expect(plain).not.toContain('secure')
    const https = cookieFlags((await login(web, { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.9' })).headers.get('Set-Cookie'))
    expect(https).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/', 'secure']))
    // Without trustProxy a client cannot claim HTTPS with a header.
    expect(cookieFlags((await login(t.app, { 'X-Forwarded-Proto': 'https' })).headers.get('Set-Cookie'))).not.toContain('secure')
  })

  it('signing out clears the cookie and ends the session on the server', async () => {
    const staff = await signIn(t, 'viewer')
    const out = await t.app.request('/api/v1/auth/logout', { method: 'POST', headers: staff.headers })
    expect(out.status).toBe(200)
    expect(cookieFlags(out.headers.get('Set-Cookie'))).toEqual(expect.arrayContaining(['max-age=0']))
    expect((await t.app.request('/api/v1/auth/me', { headers: { Cookie: staff.cookie } })).status).toBe(401)
  })

  it('the browser id of a desk link is HttpOnly, SameSite=Lax and Secure behind HTTPS', async () => {
    const res = await web.request(`/api/v1/links/${desk.token}`, { headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.9' } })
    expect(res.status).toBe(200)
    expect(cookieFlags(res.headers.get('Set-Cookie'))).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'secure']))
  })
})

describe('security headers', () => {
  const pages = ['/', '/login', '/dashboard', '/kiosk', '/d/desk_khong-co', '/r/rcpt_khong-co', '/kiosk.webmanifest', '/kiosk-sw.js']
  const api = ['/api/v1/surveys', '/api/v1/auth/me', '/api/v1/khong-co', '/healthz', '/api/v1/openapi.json']
  it.each([...pages, ...api, `/assets/${fs.readdirSync(path.join(WEB_ROOT, 'assets')).find((f) => f.endsWith('.js'))}`])('%s', async (url) => {
    const res = await web.request(url)
    expect(res.status).toBeLessThan(500)
    const csp = res.headers.get('Content-Security-Policy') ?? ''
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    )
    const scripts = directives.get('script-src') ?? directives.get('default-src')
    expect(scripts, csp).toBeDefined()
    expect(scripts).not.toContain("'unsafe-inline'")
    expect(scripts).not.toContain("'unsafe-eval'")
    expect(scripts).not.toContain('*')
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer')
    expect(res.headers.get('X-Frame-Options')).toBe('DENY')
  })
})

describe('body size limits (413 with the error envelope, nothing read past the limit)', () => {
  const big = (bytes: number) => JSON.stringify({ padding: 'x'.repeat(bytes) })
  const cases: Array<[string, string, number, () => Promise<Record<string, string>>]> = [
    ['one response', '/api/v1/responses', 64 * 1024, async () => ({ Authorization: `Bearer ${desk.token}` })],
    ['a batch of responses', '/api/v1/responses/batch', 2 * 1024 * 1024, async () => ({ Authorization: `Bearer ${desk.token}` })],
    ['one receipt code', '/api/v1/invitations', 16 * 1024, async () => ({ Authorization: `Bearer ${key}` })],
    ['a batch of receipt codes', '/api/v1/invitations/batch', 1024 * 1024, async () => ({ Authorization: `Bearer ${key}` })],
    // Anonymous routes: no one may make the server buffer an unbounded body.
    ['sign-in', '/api/v1/auth/login', 1024 * 1024, async () => ({})],
    ['kiosk pairing', '/api/v1/kiosk/pair', 1024 * 1024, async () => ({})],
    ['a staff JSON body', '/api/v1/admin/agencies', 1024 * 1024, async () => (await signIn(t, 'admin')).headers],
    ['a kiosk heartbeat', '/api/v1/kiosk/heartbeat', 1024 * 1024, async () => ({})],
  ]
  it.each(cases)('%s (%s): over %i bytes is refused', async (_, url, limit, headers) => {
    const res = await t.app.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(await headers()) }, body: big(limit + 10) })
    expect(res.status).toBe(413)
    const body = (await res.json()) as any
    expect(body.error.code).toBe('body_too_large')
    expect(body.error.message.vi).toMatch(/quá lớn/)
  })

  it('a kiosk batch just under 2 MB is still read (the default limit does not cut the larger route)', async () => {
    const kiosk = await makeKiosk(t.db, desk.id, t.clock.now())
    const paired = (await (
      await t.app.request('/api/v1/kiosk/pair', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: kiosk.code }) })
    ).json()) as any
    const items = Array.from({ length: 500 }, () => ({
      submissionId: crypto.randomUUID(),
      survey: 'mot-cua@1',
      answers: { overall: 2, reasons: ['wait'], comment: 'ă'.repeat(1000) },
      givenAt: t.clock.now().toISOString(),
    }))
    const body = JSON.stringify({ items })
    expect(Buffer.byteLength(body)).toBeGreaterThan(1024 * 1024)
    const res = await t.app.request('/api/v1/responses/batch', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${paired.secret}` }, body })
    expect(res.status).toBe(200)
  })
})

describe('static files: nothing outside dist/web is ever served', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(() => server.close())

  /** A raw request line, so neither fetch nor URL parsing cleans the path before the server sees it. */
  const raw = (target: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`))
      let data = ''
      socket.setEncoding('latin1')
      socket.on('data', (d) => (data += d))
      socket.on('error', reject)
      socket.on('end', () => {
        const [head = '', ...rest] = data.split('\r\n\r\n')
        let body = rest.join('\r\n\r\n')
        if (/transfer-encoding: chunked/i.test(head)) {
          let out = ''
          for (let at = 0; ; ) {
            const eol = body.indexOf('\r\n', at)
            const size = parseInt(body.slice(at, eol), 16)
            if (!size) break
            out += body.slice(eol + 2, eol + 2 + size)
            at = eol + 2 + size + 2
          }
          body = out
        }
        resolve({ status: Number(head.split(' ')[1]), body })
      })
    })

  const secrets = [fs.readFileSync('package.json', 'latin1').slice(0, 60), 'export function createApp', 'root:x:0:0', '"compilerOptions"']
  const servable = new Set(
    fs
      .readdirSync(WEB_ROOT, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'latin1')),
  )
  const attempts = [
    '/assets/../../package.json',
    '/assets/../../../../../../etc/passwd',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2fpackage.json',
    '/assets/..%252f..%252fpackage.json',
    '/assets/..\\..\\package.json',
    '/assets/..%5c..%5cpackage.json',
    '/..%2f..%2fserver%2fapp.ts',
    '//etc/passwd',
    '/assets/%00../../package.json',
    '/kiosk/../../server/app.ts',
    '/d/..%2f..%2fpackage.json',
    '/r/%2e%2e%2f%2e%2e%2ftsconfig.json',
    '/../tsconfig.json',
    '/.env',
    '/api/../package.json',
    '/assets/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json',
    '/assets/.%2e/.%2e/package.json',
  ]
  it.each(attempts)('%s', async (target) => {
    const res = await raw(target)
    expect(res.status === 400 || res.status === 404 || res.status === 200, `status ${res.status}`).toBe(true)
    for (const s of secrets) expect(res.body).not.toContain(s)
    // A 200 is a page of the app (the index for unknown paths), byte for byte a file of dist/web.
    if (res.status === 200) expect(servable.has(res.body)).toBe(true)
  })

  it('still serves the real files', async () => {
    expect((await raw('/kiosk.webmanifest')).status).toBe(200)
    expect((await raw('/')).status).toBe(200)
  })
})

describe('cross-site requests (a second line behind the CSRF token)', () => {
  const change = async (headers: Record<string, string>) => {
    const staff = await signIn(t, 'admin')
    const res = await t.app.request('/api/v1/admin/agencies', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...staff.headers, ...headers },
      body: JSON.stringify({ code: `X${Math.random().toString(36).slice(2, 8)}`, name: 'Thử', parent: null, kind: 'other' }),
    })
    return { status: res.status, body: (await res.json()) as any }
  }

  it('a foreign Origin or Sec-Fetch-Site: cross-site is refused with 403 even with the token, and nothing changes', async () => {
    const before = await t.db.selectFrom('agencies').select('id').execute()
    for (const headers of <Array<Record<string, string>>>[
      { Origin: 'https://evil.example' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { Origin: 'null' },
      { Origin: 'http://localhost.evil.example' },
    ]) {
      const r = await change(headers)
      expect(r.status, JSON.stringify(headers)).toBe(403)
      expect(r.body.error.code).toBe('cross_site_request')
      expect(r.body.error.message.vi).toMatch(/trang web khác/)
    }
    expect(await t.db.selectFrom('agencies').select('id').execute()).toHaveLength(before.length)
  })

  it('the same origin, same-origin fetches and tools that send neither header are allowed', async () => {
    for (const headers of <Array<Record<string, string>>>[
      {},
      { Origin: 'http://localhost' },
      { 'Sec-Fetch-Site': 'same-origin', Origin: 'http://localhost' },
      { 'Sec-Fetch-Site': 'none' },
    ])
      expect((await change(headers)).status).toBe(201)
  })

  it('sign-in from another site is refused too (no login CSRF)', async () => {
    const res = await t.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: JSON.stringify({ username: 'x', password: 'y' }),
    })
    expect(res.status).toBe(403)
  })
})

describe('/healthz tells anonymous callers only ok or unavailable', () => {
  it('ok', async () => {
    const res = await t.app.request('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('unavailable, without the driver’s message (which goes to the log)', async () => {
    const broken = await createTestApp()
    const app = createApp({ db: broken.db, databaseKind: broken.kind, clock: broken.clock, timeZone: DEFAULT_TIMEZONE, minSample: 30 })
    await broken.close()
    const logged: string[] = []
    const original = console.error
    console.error = (...args: unknown[]) => void logged.push(args.map(String).join(' '))
    try {
      const res = await app.request('/healthz')
      expect(res.status).toBe(503)
      expect(await res.json()).toEqual({ status: 'unavailable' })
    } finally {
      console.error = original
    }
    expect(logged.join('\n')).toMatch(/healthz/)
  })
})

describe('what is kept: refused requests write nothing, and a periodic sweep deletes what has expired', () => {
  const count = (table: 'rate_limits') => countIn(t, table)

  it('a desk-link request refused with 400 writes no rate-limit row (nor does ?validateOnly=1)', async () => {
    const before = await count('rate_limits')
    const bad = await t.app.request('/api/v1/responses', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${desk.token}` },
      body: JSON.stringify({ submissionId: crypto.randomUUID(), survey: 'mot-cua@1', answers: { overall: 9 } }),
    })
    expect(bad.status).toBe(400)
    const check = await t.app.request('/api/v1/responses?validateOnly=1', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${desk.token}` },
      body: JSON.stringify({ submissionId: crypto.randomUUID(), survey: 'mot-cua@1', answers: { overall: 5 } }),
    })
    expect(check.status).toBe(200)
    expect(await count('rate_limits')).toBe(before)
    const good = await t.app.request('/api/v1/responses', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${desk.token}` },
      body: JSON.stringify({ submissionId: crypto.randomUUID(), survey: 'mot-cua@1', answers: { overall: 5 } }),
    })
    expect(good.status).toBe(201)
    // The address's hourly window and, without the browser cookie, its daily one.
    expect(await count('rate_limits')).toBe(before + 2)
  })

  it('prunes old rate-limit windows, lapsed sign-in counts and expired sessions on the injected clock; stoppable', async () => {
    const s = await createTestApp({ now: '2026-05-10T03:00:00.000Z' })
    try {
      const agency = await makeAgency(s.db, { code: 'SNV' })
      const link = await makeDesk(s.db, agency.id, 'MC-01')
      await signIn(s, 'admin')
      await s.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'khong-co', password: 'sai-roi-sai-roi' }),
      })
      await post(s.app, '/api/v1/responses', { submissionId: crypto.randomUUID(), survey: 'mot-cua@1', answers: { overall: 5 } }, link.token)
      const counts = async () => ({ rateLimits: await countIn(s, 'rate_limits'), sessions: await countIn(s, 'sessions'), attempts: await countIn(s, 'login_throttle') })
      expect(await counts()).toEqual({ rateLimits: 2, sessions: 1, attempts: 2 })
      const sweeper = startSweeper(s.db, s.clock, 60_000)
      await sweeper.runOnce()
      expect(await counts()).toEqual({ rateLimits: 2, sessions: 1, attempts: 2 })
      s.clock.advance(13 * 3600_000) // past the session's 12 hours and 15 minutes of sign-in counts; the desk's day window still counts
      expect(await sweeper.runOnce()).toEqual({ rateLimits: 0, loginAttempts: 2, sessions: 1 })
      expect(await counts()).toEqual({ rateLimits: 2, sessions: 0, attempts: 0 })
      s.clock.advance(13 * 3600_000) // past the desk's day window too
      expect(await sweeper.runOnce()).toEqual({ rateLimits: 2, loginAttempts: 0, sessions: 0 })
      expect(await counts()).toEqual({ rateLimits: 0, sessions: 0, attempts: 0 })
      await sweeper.stop()
    } finally {
      await s.close()
    }
  })
})

async function countIn(s: TestApp, table: 'rate_limits' | 'sessions' | 'login_throttle') {
  return Number(
    (
      await s.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
}
