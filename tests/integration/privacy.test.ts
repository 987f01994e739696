import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp } from '../../server/app.ts'
import { DEFAULT_TIMEZONE } from '../../server/domain/periods.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { databaseText, makeAgency, makeDesk, makeKiosk, signIn } from '../helpers/factories.ts'

/**
 * After a run that touches every secret a citizen or staff member hands over, none of them is stored or
 * logged in the clear: the client address, receipt code, API key, passwords (right and wrong), dossier
 * code, kiosk pairing code and secret, session and browser ids.
 */
const IP = '198.51.100.237'
const IPV6 = '2001:db8:ab:cd::4e21'
const DOSSIER = 'H40.175.01-260510-AB9731'
const WRONG_PASSWORD = 'sai-mat-khau-Qx7z-9k'
const NEW_PASSWORD = 'mat-khau-moi-Pv3m-2w'

let t: TestApp
let app: ReturnType<typeof createApp>
const secrets: Record<string, string> = {}
const logged: string[] = []
const spies: Array<{ mockRestore(): void }> = []

beforeAll(async () => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
    spies.push(
      vi
        .spyOn(console, level)
        .mockImplementation(
          (...args: unknown[]) => void logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')),
        ),
    )
  t = await createTestApp()
  // Behind a load balancer: the client address comes from X-Forwarded-For.
  app = createApp({ db: t.db, databaseKind: t.kind, clock: t.clock, timeZone: DEFAULT_TIMEZONE, minSample: 30, trustProxy: true })
  const agency = await makeAgency(t.db, { code: 'SNV', name: 'Sở Nội vụ' })
  const desk = await makeDesk(t.db, agency.id, 'MC-01')
  const from = (ip: string) => ({ 'X-Forwarded-For': `${ip}, 10.0.0.1`, 'Content-Type': 'application/json' })
  const call = async (path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown; ip?: string } = {}) => {
    const res = await app.request(path, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: { ...from(init.ip ?? IP), ...init.headers },
      body: init.body ? JSON.stringify(init.body) : undefined,
    })
    return { status: res.status, headers: res.headers, body: (await res.json().catch(() => null)) as any }
  }

  // Staff: a wrong password, the right one (through the trusted proxy), a new one.
  const staff = await signIn({ ...t, app }, 'manager', agency.id)
  secrets.password = staff.password
  secrets.session = staff.cookie.split('=')[1]!
  expect((await call('/api/v1/auth/login', { body: { username: staff.username, password: WRONG_PASSWORD } })).status).toBe(401)
  secrets.wrongPassword = WRONG_PASSWORD
  const login = await call('/api/v1/auth/login', { body: { username: staff.username, password: staff.password }, ip: IPV6 })
  expect(login.status).toBe(200)
  const session = { Cookie: login.headers.get('Set-Cookie')!.split(';')[0]!, 'X-CSRF-Token': login.body.csrfToken }
  expect((await call('/api/v1/auth/password', { headers: session, body: { current: staff.password, next: NEW_PASSWORD } })).status).toBe(200)
  secrets.newPassword = NEW_PASSWORD
  const again = await call('/api/v1/auth/login', { body: { username: staff.username, password: NEW_PASSWORD } })
  const staffHeaders = { Cookie: again.headers.get('Set-Cookie')!.split(';')[0]!, 'X-CSRF-Token': again.body.csrfToken }

  // The one-stop software: an API key made by staff, a receipt code for a dossier.
  const created = await call('/api/v1/api-keys', { headers: staffHeaders, body: { agency: 'SNV', name: 'Phần mềm Một cửa' } })
  expect(created.status).toBe(201)
  secrets.apiKey = created.body.key
  const minted = await call('/api/v1/invitations', {
    headers: { Authorization: `Bearer ${secrets.apiKey}` },
    body: { desk: 'MC-01', dossier: DOSSIER, procedure: '1.001234', qr: [] },
  })
  expect(minted.status).toBe(201)
  secrets.dossier = DOSSIER
  secrets.receipt = minted.body.token

  // A citizen opens the receipt link and answers; another answers the desk poster from the same address.
  expect((await call(`/api/v1/links/${secrets.receipt}`)).status).toBe(200)
  const answer = { submissionId: randomUUID(), survey: minted.body.survey, answers: { overall: 5 } }
  expect((await call('/api/v1/responses', { headers: { Authorization: `Bearer ${secrets.receipt}` }, body: answer })).status).toBe(201)
  expect((await call('/api/v1/responses', { headers: { Authorization: `Bearer ${secrets.receipt}` }, body: { ...answer, submissionId: randomUUID() } })).status).toBe(409)
  const opened = await call(`/api/v1/links/${desk.token}`, { ip: IPV6 })
  const browser = opened.headers.get('Set-Cookie')!.split(';')[0]!
  secrets.browser = browser.split('=')[1]!
  expect(
    (
      await call('/api/v1/responses', {
        headers: { Authorization: `Bearer ${desk.token}`, Cookie: browser },
        body: { submissionId: randomUUID(), survey: 'mot-cua@1', answers: { overall: 4 } },
        ip: IPV6,
      })
    ).status,
  ).toBe(201)

  // A kiosk: its pairing code and device secret.
  const kiosk = await makeKiosk(t.db, desk.id, t.clock.now())
  secrets.pairingCode = kiosk.code
  const paired = await call('/api/v1/kiosk/pair', { body: { code: kiosk.code } })
  expect(paired.status).toBe(201)
  secrets.kioskSecret = paired.body.secret
  const batch = await call('/api/v1/responses/batch', {
    headers: { Authorization: `Bearer ${secrets.kioskSecret}` },
    body: { items: [{ submissionId: randomUUID(), survey: 'mot-cua@1', answers: { overall: 3, reasons: ['wait'] }, givenAt: t.clock.now().toISOString() }] },
  })
  expect(batch.body.created).toBe(1)

  // Refusals log nothing either: a forged key, a used receipt, a bad body.
  expect((await call('/api/v1/invitations', { headers: { Authorization: `Bearer ${secrets.apiKey}x` }, body: { desk: 'MC-01' } })).status).toBe(401)
  expect((await call(`/api/v1/links/${secrets.receipt}`)).body.status).toBe('used')
})

afterAll(async () => {
  for (const s of spies) s.mockRestore()
  await t.close()
})

describe('privacy: no raw secret or address is kept', () => {
  const names = () => Object.keys(secrets)
  it('the run used every secret it means to look for', () => {
    expect(names().sort()).toEqual(['apiKey', 'browser', 'dossier', 'kioskSecret', 'newPassword', 'pairingCode', 'password', 'receipt', 'session', 'wrongPassword'].sort())
  })

  it('no text column of any table holds an address, receipt code, key, password, dossier code or device secret', async () => {
    const text = await databaseText(t.db)
    expect(text.length).toBeGreaterThan(1000)
    const found = [...Object.entries(secrets), ['ip', IP], ['ipv6', IPV6]].filter(([, value]) => text.includes(value!)).map(([name]) => name)
    expect(found).toEqual([])
    // Nor the secret part of a token without its prefix (e.g. "rcpt_" stripped before storing).
    const bare = Object.entries(secrets)
      .filter(([, v]) => /^[a-z]+_/.test(v))
      .filter(([, v]) => text.includes(v.replace(/^[a-z]+_/, '')))
      .map(([n]) => n)
    expect(bare).toEqual([])
  })

  it('nothing written to the console holds them either', () => {
    const all = logged.join('\n')
    const found = [...Object.entries(secrets), ['ip', IP], ['ipv6', IPV6]].filter(([, value]) => all.includes(value!)).map(([name]) => name)
    expect(found).toEqual([])
  })
  it('a server error (database gone) logs the request without the token in its path or header', async () => {
    const broken = await createTestApp()
    const brokenApp = createApp({ db: broken.db, databaseKind: broken.kind, clock: broken.clock, timeZone: DEFAULT_TIMEZONE, minSample: 30, trustProxy: true })
    await broken.close()
    const before = logged.length
    const token = 'rcpt_Zk3pQ9vLm2Xw8RtY5nB7cD1f'
    const link = await brokenApp.request(`/api/v1/links/${token}`, { headers: { 'X-Forwarded-For': IP } })
    const answer = await brokenApp.request('/api/v1/responses', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-Forwarded-For': IP },
      body: JSON.stringify({ submissionId: randomUUID(), survey: 'mot-cua@1', answers: { overall: 5 } }),
    })
    expect([link.status, answer.status]).toEqual([500, 500])
    const lines = logged.slice(before).join('\n')
    expect(lines).toContain('/api/v1/links/')
    expect(lines).not.toContain(token.slice(5))
    expect(lines).not.toContain(IP)
  })
})
