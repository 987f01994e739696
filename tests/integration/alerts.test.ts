import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHmac } from 'node:crypto'
import { SMTPServer } from 'smtp-server'
import { afterEach, describe, expect, it } from 'vitest'
import { setResponseFlags } from '../../server/responses/moderation.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'
import { makeAgency, makeDesk, makePairedKiosk, post, signIn, submission } from '../helpers/factories.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { onPostgres } from '../helpers/test-database.ts'

// Monday 2026-05-11, 09:00 in Vietnam: the desks are open.
const MONDAY_9 = '2026-05-11T02:00:00.000Z'

let t: TestApp
afterEach(async () => {
  await t?.close()
})

async function setup(options: Parameters<typeof createTestApp>[0] = {}) {
  t = await createTestApp({ now: MONDAY_9, ...options })
  const agency = await makeAgency(t.db, { code: `STP-${Math.random().toString(36).slice(2, 7)}` })
  const other = await makeAgency(t.db)
  const desk = await makeDesk(t.db, agency.id)
  return { agency, other, desk, kiosk: await makePairedKiosk(t, desk.id) }
}

/** Ratings from the desk's tablet, one a minute apart in time (well under the tablet's burst flag). */
async function rate(secret: string, ratings: number[], comment?: string) {
  const base = t.clock.now().getTime()
  const items = ratings.map((overall, i) =>
    submission(comment && overall <= 3 ? { overall, reasons: ['wait'], comment } : { overall }, { givenAt: new Date(base - (ratings.length - 1 - i) * 20_000).toISOString() }),
  )
  const res = await post(t.app, '/api/v1/responses/batch', { items }, secret)
  expect(res.body.created).toBe(ratings.length)
  await t.alerts.settled()
}

async function alerts(headers: Record<string, string>, query = 'state=all') {
  const res = await t.app.request(`/api/v1/alerts?${query}`, { headers })
  expect(res.status).toBe(200)
  return ((await res.json()) as { alerts: any[] }).alerts
}

const send = async (path: string, headers: Record<string, string>, body: unknown, method = 'POST') => {
  const res = await t.app.request(path, { method, headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  return { status: res.status, body: (await res.json()) as any }
}

describe('unhappy burst', () => {
  it('raises exactly one alert per window, with the triggering comments, and another in the next window', async () => {
    const { kiosk } = await setup()
    const admin = await signIn(t, 'admin')
    await rate(kiosk.secret, [1, 2, 5], 'Chờ quá lâu, không ai hướng dẫn')
    expect(await alerts(admin.headers)).toHaveLength(0) // 3 ratings: below the minimum of 4

    await rate(kiosk.secret, [1], 'Chờ quá lâu, không ai hướng dẫn')
    let list = await alerts(admin.headers)
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ kind: 'unhappy_burst', state: 'new', stateText: { vi: 'Mới' } })
    expect(list[0].summary.vi).toBe('3/4 đánh giá từ 2 sao trở xuống trong 15 phút')

    // Still the same window: more unhappy ratings add nothing.
    t.clock.advance(5 * 60_000)
    await rate(kiosk.secret, [1, 1, 1, 1])
    expect(await alerts(admin.headers)).toHaveLength(1)

    const detail = await (await t.app.request(`/api/v1/alerts/${list[0].id}`, { headers: admin.headers })).json()
    expect(detail.ratings.map((r: any) => r.rating)).toEqual([1, 2, 1])
    expect(detail.ratings[0].comment).toBe('Chờ quá lâu, không ai hướng dẫn')

    // The next window, a new burst: a second alert.
    t.clock.advance(16 * 60_000)
    await rate(kiosk.secret, [2, 2, 1, 4])
    list = await alerts(admin.headers)
    expect(list).toHaveLength(2)
  })

  it('counts only ratings that count: ones marked spam leave the window; minutes a day old are forgotten', async () => {
    const { kiosk } = await setup()
    const admin = await signIn(t, 'admin')
    await rate(kiosk.secret, [1, 1, 1, 5, 5, 5, 5])
    expect(await alerts(admin.headers)).toHaveLength(0) // 3 of 7 unhappy: under half
    const happy = await t.db.selectFrom('answers').select('response_id').where('question_id', '=', 'overall').where('value_num', '=', 5).orderBy('response_id').execute()
    for (const { response_id } of happy.slice(0, 2)) await t.db.transaction().execute((trx) => setResponseFlags(trx, new SurveyCatalog(t.db), response_id, { spam: true }))
    await rate(kiosk.secret, [5])
    // 3 of the 6 that count: half. Counting the two marked as spam would make it 3 of 8.
    const [burst] = await alerts(admin.headers)
    expect(burst.summary.vi).toBe('3/6 đánh giá từ 2 sao trở xuống trong 15 phút')

    expect(await t.db.selectFrom('rating_minutes').select('minute').execute()).not.toHaveLength(0)
    t.clock.advance(25 * 3600_000)
    await t.alerts.tick()
    expect(await t.db.selectFrom('rating_minutes').select('minute').execute()).toHaveLength(0)
  })

  it('a mostly happy desk raises none; a rule set for the agency changes the threshold (audited, scoped)', async () => {
    const { agency, other, desk, kiosk } = await setup()
    const manager = await signIn(t, 'manager', agency.id)
    const outsider = await signIn(t, 'manager', other.id)
    const viewer = await signIn(t, 'viewer', agency.id)
    await rate(kiosk.secret, [5, 4, 5, 1, 5])
    expect(await alerts(manager.headers)).toHaveLength(0)

    const rules = await (await t.app.request(`/api/v1/alerts/rules?agency=${agency.code}`, { headers: manager.headers })).json()
    expect(rules.rules.find((r: any) => r.kind === 'unhappy_burst')).toMatchObject({ source: 'default', params: { windowMinutes: 15, share: 0.5, minCount: 4, maxRating: 2 } })

    const change = { kind: 'unhappy_burst', agency: agency.code, params: { windowMinutes: 30, share: 0.15, minCount: 3, maxRating: 2 } }
    expect((await send('/api/v1/alerts/rules', viewer.headers, change, 'PUT')).status).toBe(403)
    expect((await send('/api/v1/alerts/rules', outsider.headers, change, 'PUT')).status).toBe(404)
    expect((await send('/api/v1/alerts/rules', manager.headers, { kind: 'unhappy_burst', params: {} }, 'PUT')).status).toBe(403) // the province is admins'
    const bad = await send('/api/v1/alerts/rules', manager.headers, { ...change, params: { windowMinutes: 0 } }, 'PUT')
    expect(bad.status).toBe(400)
    expect(bad.body.error.details[0]).toMatchObject({ field: 'params.windowMinutes' })
    const ok = await send('/api/v1/alerts/rules', manager.headers, change, 'PUT')
    expect(ok.status).toBe(200)
    expect(ok.body.rule).toMatchObject({ source: `agency:${agency.id}`, params: { minCount: 3 } })

    // The desk inherits the agency's rule.
    const deskRule = await (await t.app.request(`/api/v1/alerts/rules?deskId=${desk.id}`, { headers: manager.headers })).json()
    expect(deskRule.rules.find((r: any) => r.kind === 'unhappy_burst').params.share).toBe(0.15)
    await rate(kiosk.secret, [5])
    expect(await alerts(manager.headers)).toHaveLength(1)

    const audit = await t.db.selectFrom('audit_log').select(['actor', 'action', 'target']).where('action', '=', 'alert.rule.set').execute()
    expect(audit).toEqual([{ actor: `user:${manager.username}`, action: 'alert.rule.set', target: `alert-rule:unhappy_burst:agency:${agency.id}` }])
  })
  it('a desk whose check takes long is checked less often, an ordinary desk as promptly as ever', async () => {
    // While `queryMs` is set, every query of the alert engine takes that long on the test's clock: a check
    // of a desk whose window holds hundreds of thousands of ratings.
    let queryMs = 0
    const { agency, desk, kiosk } = await setup({
      alertThrottleMs: 2000,
      alertDb: (db, clock) =>
        db.withPlugin({
          transformQuery: (args) => {
            clock.advance(queryMs)
            return args.node
          },
          transformResult: async (args) => args.result,
        }),
    })
    const quiet = await makeDesk(t.db, agency.id)
    const quietKiosk = await makePairedKiosk(t, quiet.id)
    const admin = await signIn(t, 'admin')
    const alertedDesks = async () => (await alerts(admin.headers)).map((a) => a.desk.id).sort((a: number, b: number) => a - b)

    queryMs = 1000
    await rate(kiosk.secret, [1, 1, 1])
    queryMs = 0
    await rate(quietKiosk.secret, [1, 1, 1])
    // A fourth unhappy rating completes a burst at both desks, each checked a moment ago.
    await rate(kiosk.secret, [1])
    await rate(quietKiosk.secret, [1])
    expect(await alertedDesks()).toEqual([])

    // The ordinary desk: a quarter of the throttle after its last check.
    t.clock.advance(500)
    await t.alerts.settled()
    expect(await alertedDesks()).toEqual([quiet.id])
    // The slow desk: its last check took seconds, and the next waits twenty times as long.
    t.clock.advance(10_000)
    await t.alerts.settled()
    expect(await alertedDesks()).toEqual([quiet.id])
    t.clock.advance(5 * 60_000)
    await t.alerts.settled()
    expect(await alertedDesks()).toEqual([desk.id, quiet.id].sort((a, b) => a - b))
  })
})

describe.skipIf(onPostgres)('on a SQLite file', () => {
  it("reads a desk's ratings in the reader thread and sums the burst's from rating_minutes, so no request waits for a check", async () => {
    // Every query the engine runs on the server's connection, by the table it reads from. A query only
    // compiled there (its SQL sent to the reader thread) is not executed, so it never gives a result.
    const touched = new Map<unknown, string>()
    const executed: string[] = []
    const { kiosk } = await setup({
      intakeWriter: true,
      reader: true,
      alertDb: (db) =>
        db.withPlugin({
          transformQuery: (args) => {
            const from = (args.node as { from?: { froms?: { table?: { identifier?: { name?: string } } }[] } }).from?.froms?.[0]?.table?.identifier?.name
            if (from) touched.set(args.queryId, from)
            return args.node
          },
          transformResult: async (args) => {
            const table = touched.get(args.queryId)
            if (table) executed.push(table)
            return args.result
          },
        }),
    })
    const admin = await signIn(t, 'admin')
    await rate(kiosk.secret, [1, 2, 1, 1], 'Chờ quá lâu, không ai hướng dẫn')
    await rate(kiosk.secret, Array(10).fill(5))
    const list = await alerts(admin.headers)
    expect(list.map((a) => a.kind).sort()).toEqual(['praise_run', 'unhappy_burst'])
    const detail = await (await t.app.request(`/api/v1/alerts/${list.find((a) => a.kind === 'unhappy_burst').id}`, { headers: admin.headers })).json()
    expect(detail.ratings.map((r: any) => r.rating)).toEqual([1, 2, 1, 1])
    // The rules and the alerts themselves are read and written on the server's connection; the ratings never.
    expect(executed).not.toContain('responses')
    expect(executed).toContain('alert_rules')
    expect(executed).toContain('rating_minutes')
  })
})

describe('silence', () => {
  it('a silent tablet during opening hours raises one alert, and none at night', async () => {
    const { kiosk } = await setup()
    // Sessions end after hours; each look is a fresh sign-in at the clock's time.
    const admin = {
      get headers() {
        return signIn(t, 'admin').then((s) => s.headers)
      },
    }
    // 22:00 on Monday: closed. The tablet has not been heard since 09:00.
    t.clock.set('2026-05-11T15:00:00.000Z')
    await t.alerts.tick()
    await t.alerts.tick()
    expect(await alerts(await admin.headers)).toHaveLength(0)

    // Tuesday 07:05: open for 5 minutes, not yet silent for 10.
    t.clock.set('2026-05-12T00:05:00.000Z')
    await t.alerts.tick()
    expect(await alerts(await admin.headers)).toHaveLength(0)

    // Tuesday 07:30: open and silent for 30 minutes.
    t.clock.set('2026-05-12T00:30:00.000Z')
    await t.alerts.tick()
    await t.alerts.tick()
    const list = await alerts(await admin.headers)
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ kind: 'silence', kiosk: { id: kiosk.id } })
    expect(list[0].summary.vi).toContain('không liên lạc 30 phút')

    // A heartbeat ends the spell; nothing new while it answers.
    await t.app.request('/api/v1/kiosk/heartbeat', {
      method: 'POST',
      headers: { Authorization: `Bearer ${kiosk.secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ appVersion: '1', queueLength: 0 }),
    })
    t.clock.advance(5 * 60_000)
    await t.alerts.tick()
    expect(await alerts(await admin.headers)).toHaveLength(1)
  })
})

describe('index drop and praise', () => {
  it('a drop of the last week against the four before raises one alert; a run of 5s raises one "khen"', async () => {
    const { agency, kiosk } = await setup()
    // This tablet rates weeks back: it was paired a month ago, and this province holds queues for 60 days
    // (issue 13's rules refuse ratings before pairing and hold queues older than 14 days by default).
    await t.db
      .updateTable('kiosks')
      .set({ paired_at: new Date(Date.parse(MONDAY_9) - 30 * 86_400_000).toISOString() })
      .where('id', '=', kiosk.id)
      .execute()
    await t.db
      .insertInto('settings')
      .values({ key: 'integrity.settings', value: JSON.stringify({ maxQueueAgeDays: 60 }) })
      .execute()
    const admin = await signIn(t, 'admin')
    const now = t.clock.now().getTime()
    const at = (daysAgo: number, i: number) => new Date(now - daysAgo * 86_400_000 - i * 3_600_000).toISOString()
    const items = [
      ...Array.from({ length: 24 }, (_, i) => submission({ overall: i % 6 === 0 ? 3 : 5 }, { givenAt: at(10 + (i % 14), i) })),
      ...Array.from({ length: 24 }, (_, i) => submission({ overall: i % 2 ? 2 : 4 }, { givenAt: at(1 + (i % 5), i) })),
    ]
    expect((await post(t.app, '/api/v1/responses/batch', { items }, kiosk.secret)).body.created).toBe(48)
    await t.alerts.settled()
    await t.alerts.tick()
    await t.alerts.tick()
    const drops = await alerts(admin.headers, 'state=all&kind=index_drop')
    expect(drops).toHaveLength(1)
    expect(drops[0]).toMatchObject({ agency: { code: agency.code }, facts: { recentN: 24, beforeN: 24, recentIndex: 50 } })

    await rate(kiosk.secret, Array(10).fill(5))
    await rate(kiosk.secret, [5, 5])
    const praise = await alerts(admin.headers, 'state=all&kind=praise_run')
    expect(praise).toHaveLength(1)
    expect(praise[0].kindText.vi).toBe('Khen: chuỗi đánh giá rất hài lòng')
  })
  it("a rating from a tablet's offline queue, stored after others but tapped before them, ends the run of 5s", async () => {
    const { kiosk } = await setup()
    const admin = await signIn(t, 'admin')
    const praise = () => alerts(admin.headers, 'state=all&kind=praise_run')
    t.clock.advance(30 * 60_000)
    await rate(kiosk.secret, [3])
    t.clock.advance(5 * 60_000)
    await rate(kiosk.secret, Array(9).fill(5))
    // Tapped 20 minutes ago, before the 3, and arriving now with the tablet's queue.
    const queued = submission({ overall: 2 }, { givenAt: new Date(t.clock.now().getTime() - 20 * 60_000).toISOString() })
    expect((await post(t.app, '/api/v1/responses/batch', { items: [queued] }, kiosk.secret)).body.created).toBe(1)
    await t.alerts.settled()
    t.clock.advance(5 * 60_000)
    await rate(kiosk.secret, [5])
    expect(await praise()).toHaveLength(0)

    t.clock.advance(5 * 60_000)
    await rate(kiosk.secret, Array(9).fill(5))
    const raised = await praise()
    expect(raised).toHaveLength(1)
    expect(raised[0].facts).toMatchObject({ n: 10 })
  })
})

describe('follow-up', () => {
  it('acknowledging, commenting and closing are scoped by agency and audited', async () => {
    const { agency, other, kiosk } = await setup()
    const manager = await signIn(t, 'manager', agency.id)
    const outsider = await signIn(t, 'manager', other.id)
    const viewer = await signIn(t, 'viewer', agency.id)
    await rate(kiosk.secret, [1, 1, 2, 1], 'Nhân viên không có mặt')
    const [alert] = await alerts(manager.headers)
    expect(await alerts(outsider.headers)).toHaveLength(0)
    expect((await t.app.request(`/api/v1/alerts/${alert.id}`, { headers: outsider.headers })).status).toBe(404)
    expect((await send(`/api/v1/alerts/${alert.id}/acknowledge`, outsider.headers, {})).status).toBe(404)
    expect((await send(`/api/v1/alerts/${alert.id}/acknowledge`, viewer.headers, {})).status).toBe(403)
    // Viewers see it, without acting on it.
    expect(await alerts(viewer.headers)).toHaveLength(1)
    const badOwner = await send(`/api/v1/alerts/${alert.id}/acknowledge`, manager.headers, { owner: outsider.username })
    expect(badOwner.status).toBe(400)
    expect(badOwner.body.error.details[0].field).toBe('owner')

    const acked = await send(`/api/v1/alerts/${alert.id}/acknowledge`, manager.headers, {})
    expect(acked.status).toBe(200)
    expect(acked.body).toMatchObject({ state: 'acknowledged', stateText: { vi: 'Đã tiếp nhận' }, owner: { username: manager.username } })
    const commented = await send(`/api/v1/alerts/${alert.id}/comments`, manager.headers, { body: 'Đã gọi trưởng bộ phận một cửa' })
    expect(commented.status).toBe(201)
    expect(commented.body.comments[0]).toMatchObject({ body: 'Đã gọi trưởng bộ phận một cửa', by: { username: manager.username } })
    expect((await send(`/api/v1/alerts/${alert.id}/resolve`, manager.headers, { note: '  ' })).status).toBe(400)
    const resolved = await send(`/api/v1/alerts/${alert.id}/resolve`, manager.headers, { note: 'Bổ sung một cán bộ vào giờ cao điểm' })
    expect(resolved.body).toMatchObject({ state: 'resolved', closingNote: 'Bổ sung một cán bộ vào giờ cao điểm' })
    expect((await send(`/api/v1/alerts/${alert.id}/resolve`, manager.headers, { note: 'lần nữa' })).status).toBe(409)
    expect(await alerts(manager.headers, 'state=open')).toHaveLength(0)

    const audit = await t.db.selectFrom('audit_log').select(['actor', 'action']).where('target', '=', `alert:${alert.id}`).orderBy('id').execute()
    expect(audit).toEqual([
      { actor: 'system', action: 'alert.raise' },
      { actor: `user:${manager.username}`, action: 'alert.acknowledge' },
      { actor: `user:${manager.username}`, action: 'alert.comment' },
      { actor: `user:${manager.username}`, action: 'alert.resolve' },
    ])
  })
})

describe('live view and event stream', () => {
  it('the stream tells an open page of a new alert; the live view has today per desk, tablets and open alerts', async () => {
    const { desk, kiosk, agency } = await setup()
    const manager = await signIn(t, 'manager', agency.id)
    const res = await t.app.request('/api/v1/live/stream', { headers: manager.headers })
    expect(res.headers.get('Content-Type')).toContain('text/event-stream')
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    const until = async (needle: string) => {
      while (!text.includes(needle)) text += decoder.decode((await reader.read()).value)
    }
    await until('event: ready')
    await rate(kiosk.secret, [1, 1, 1, 1], 'Quá đông')
    await until('event: alert')
    expect(text).toContain('event: ratings')
    await reader.cancel()

    const live = await (await t.app.request('/api/v1/live', { headers: manager.headers })).json()
    const row = live.desks.find((d: any) => d.id === desk.id)
    expect(row.today).toMatchObject({ n: 4, counts: [4, 0, 0, 0, 0], index: 0 })
    expect(row.recent[0].comment).toBe('Quá đông')
    expect(row.kiosks[0]).toMatchObject({ status: 'ok' })
    expect(row.openAlerts).toBe(1)
    expect(live.alerts).toHaveLength(1)
  })
})

describe('delivery', () => {
  it('a signed webhook is retried after a 500 and delivered exactly once after success', async () => {
    const secret = 'bi-mat-webhook-cua-tinh-son-la'
    const seen: Array<{ status: number; body: string; headers: IncomingMessage['headers']; valid: boolean }> = []
    const receiver: Server = createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        const ts = String(req.headers['x-hailong-timestamp'])
        const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`
        const status = seen.length === 0 ? 500 : 200
        seen.push({ status, body, headers: req.headers, valid: req.headers['x-hailong-signature'] === expected })
        res.writeHead(status).end()
      })
    })
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
      const { kiosk } = await setup({ delivery: { webhook: { url, secret }, publicUrl: 'https://danhgia.sonla.gov.vn' } })
      const admin = await signIn(t, 'admin')
      await rate(kiosk.secret, [1, 2, 1, 1])
      expect(seen.map((s) => s.status)).toEqual([500])
      const [alert] = await alerts(admin.headers)
      expect(alert.state).toBe('new') // the failed delivery lost nothing

      await t.alerts.tick() // not due yet: the first retry waits 30 s
      expect(seen).toHaveLength(1)
      t.clock.advance(31_000)
      await t.alerts.tick()
      expect(seen.map((s) => s.status)).toEqual([500, 200])
      t.clock.advance(3_600_000)
      await t.alerts.tick()
      // (An hour later the tablet is silent: that is a new alert, with its own delivery.)
      expect(seen.filter((s) => JSON.parse(s.body).alert.id === alert.id)).toHaveLength(2)

      expect(seen.every((s) => s.valid)).toBe(true)
      expect(seen[0]!.headers['x-hailong-delivery']).toBe(seen[1]!.headers['x-hailong-delivery'])
      const payload = JSON.parse(seen[1]!.body)
      expect(payload).toMatchObject({ event: 'alert.raised', alert: { id: alert.id, kind: 'unhappy_burst', url: `https://danhgia.sonla.gov.vn/alerts/${alert.id}` } })
      const detail = await (await t.app.request(`/api/v1/alerts/${alert.id}`, { headers: admin.headers })).json()
      expect(detail.deliveries).toEqual([
        expect.objectContaining({
          channel: 'webhook',
          status: 'sent',
          attempts: 2,
          log: [expect.objectContaining({ ok: false, detail: 'HTTP 500' }), expect.objectContaining({ ok: true })],
        }),
      ])
    } finally {
      await new Promise((r) => receiver.close(r))
    }
  })

  it('an alert e-mail reaches the SMTP server', async () => {
    const mails: Array<{ from: string; to: string[]; raw: string }> = []
    const smtp = new SMTPServer({
      authOptional: true,
      hideSTARTTLS: true,
      onData(stream, session, done) {
        let raw = ''
        stream.on('data', (c: Buffer) => (raw += c.toString('utf8')))
        stream.on('end', () => {
          mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw })
          done()
        })
      },
    })
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r))
    try {
      const port = (smtp.server.address() as AddressInfo).port
      const { kiosk } = await setup({
        delivery: {
          email: { url: `smtp://127.0.0.1:${port}`, from: 'hailong <canhbao@sonla.gov.vn>', to: ['motcua@sonla.gov.vn', 'snv@sonla.gov.vn'] },
          publicUrl: 'https://danhgia.sonla.gov.vn',
        },
      })
      const admin = await signIn(t, 'admin')
      await rate(kiosk.secret, [1, 1, 1, 2])
      const [alert] = await alerts(admin.headers)
      expect(mails).toHaveLength(1)
      expect(mails[0]!.from).toBe('canhbao@sonla.gov.vn')
      expect(mails[0]!.to).toEqual(['motcua@sonla.gov.vn', 'snv@sonla.gov.vn'])
      expect(mails[0]!.raw).toMatch(/^Subject: /m)
      expect(mails[0]!.raw).toContain(`https://danhgia.sonla.gov.vn/alerts/${alert.id}`)
      const detail = await (await t.app.request(`/api/v1/alerts/${alert.id}`, { headers: admin.headers })).json()
      expect(detail.deliveries[0]).toMatchObject({ channel: 'email', status: 'sent', attempts: 1 })
    } finally {
      await new Promise<void>((r) => smtp.close(() => r()))
    }
  })
})
