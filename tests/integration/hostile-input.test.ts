import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importResponses } from '../../server/imports/responses-import.ts'
import { ImportRejected } from '../../server/imports/row-issues.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { makeAgency, makeApiKey, makeDesk, signIn, submission } from '../helpers/factories.ts'

// Well over 10,000 hostile inputs in all (3,000 + 1,500 + 2,500 + 2,000 + 1,500), each invalid by
// construction, so any row written or any 5xx is a bug, not an accident of generation.
const RUNS = { submission: 3000, batch: 1500, invitation: 2500, agency: 2000, csv: 1500 }

let t: TestApp
let deskToken: string
let apiKey: string
let staffHeaders: Record<string, string>
beforeAll(async () => {
  t = await createTestApp()
  const agency = await makeAgency(t.db, { code: 'SNV', name: 'Sở Nội vụ' })
  deskToken = (await makeDesk(t.db, agency.id, 'MC-01')).token
  apiKey = (await makeApiKey(t.db, agency.id)).key
  staffHeaders = (await signIn(t, 'admin')).headers
})
afterAll(() => t.close())

const WATCHED = ['responses', 'answers', 'rollups', 'invitations', 'agencies', 'desks'] as const
async function rowCounts() {
  const out: Record<string, number> = {}
  for (const table of WATCHED) {
    const r = await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    out[table] = Number(r.n)
  }
  return out
}

/** A body as the wire carries it: text, or raw bytes (for invalid UTF-8). */
type Body = string | Uint8Array

async function send(path: string, body: Body, headers: Record<string, string>) {
  const res = await t.app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: body as BodyInit })
  const text = await res.text()
  return { status: res.status, text }
}

/** Every refusal: a 4xx with the one error envelope, a code and a reason in both languages. */
function expectRefusal(r: { status: number; text: string }) {
  expect(r.status, r.text.slice(0, 300)).toBeGreaterThanOrEqual(400)
  expect(r.status, r.text.slice(0, 300)).toBeLessThan(500)
  const body = JSON.parse(r.text)
  expect(typeof body.error.code).toBe('string')
  expect(body.error.message.vi).toEqual(expect.any(String))
  expect(body.error.message.en).toEqual(expect.any(String))
  expect(body.error.message.vi.length).toBeGreaterThan(0)
}

// --- hostile pieces -------------------------------------------------------------------------------

const nasty = fc.constantFrom('\u0000', 'a\u0000b', '\u0007', '\u001b[31m', '\u007f', '\ud800', '\udfff', '\uffff', '\u202e')
const huge = fc.integer({ min: 70_000, max: 200_000 }).map((n) => 'x'.repeat(n))
const longish = fc.integer({ min: 1_001, max: 20_000 }).map((n) => 'ă'.repeat(n))
const hostileString = fc.oneof(nasty, longish, fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s + '\u0000'))
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
)
const hostileValue = fc.oneof(wrongType, hostileString)
const protoKey = fc.constantFrom('__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty', 'toString')

/** JSON text nested `depth` levels, e.g. [[[[1]]]] or {"a":{"a":…}}. */
const deep = fc.tuple(fc.integer({ min: 500, max: 60_000 }), fc.boolean()).map(([depth, arrays]) => (arrays ? '['.repeat(depth) + '1' + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)))

/** Byte sequences that are never valid UTF-8. */
const badUtf8 = fc.constantFrom([0xff], [0xc3, 0x28], [0xa0, 0xa1], [0xe2, 0x28, 0xa1], [0xf0, 0x28, 0x8c, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0x80])

/** Valid JSON text with `"@@"` replaced by invalid UTF-8 bytes (inside a string value). */
function withBadBytes(json: string, bytes: readonly number[]): Uint8Array {
  const [before, after] = json.split('@@') as [string, string]
  const enc = new TextEncoder()
  return new Uint8Array([...enc.encode(before), ...bytes, ...enc.encode(after)])
}

/** Text that JSON.parse refuses: a cut-off document, stray bytes, a raw NUL between tokens. */
const malformed = (valid: string) =>
  fc.oneof(
    fc.integer({ min: 0, max: Math.max(0, valid.length - 1) }).map((cut) => valid.slice(0, cut)),
    fc.constantFrom('{', '}', '{"a":}', "{'a':1}", '{"a":1,}', 'undefined', 'NaN', '{"a":01}', '\u0000{}', '{"a":1}\u0000', '{"a" 1}', '[1,]', '{"a":"\n"}'),
    fc.constant(valid.replace('{', '{\u0000')),
  )

/** An object with extra keys put in as raw JSON text, so `__proto__` arrives as an own key as it would on the wire. */
const withRawKey = (obj: Record<string, unknown>, key: string, value: unknown) => {
  const text = JSON.stringify(obj)
  return `{${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'},${text.slice(1)}`
}

// --- single submissions ---------------------------------------------------------------------------

const base = () => submission({ overall: 2, reasons: ['wait'], comment: 'Chờ lâu' }) as Record<string, unknown>
const badAnswers = fc.oneof(
  wrongType.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)).map((answers) => ({ answers })),
  hostileValue.filter((v) => !(typeof v === 'number' && [1, 2, 3, 4, 5].includes(v))).map((overall) => ({ answers: { overall } })),
  fc.oneof(nasty.map((s) => `Chờ ${s} lâu`), longish).map((comment) => ({ answers: { overall: 2, comment } })),
  fc.tuple(fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !['overall', 'staff', 'time', 'reasons', 'comment'].includes(k)), fc.integer({ min: 1, max: 5 })).map(([k, v]) => ({ answers: { overall: 4, [k]: v } })),
  fc.array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 8 }).filter((r) => r.some((x) => !['wait', 'complex', 'attitude', 'guidance', 'repeat', 'facility', 'other'].includes(x))).map((reasons) => ({ answers: { overall: 1, reasons } })),
)
const badFields = fc.oneof(
  fc.record({ submissionId: fc.oneof(wrongType, hostileString, fc.constant('not-a-uuid')) }),
  fc.record({ survey: fc.oneof(wrongType, hostileString, fc.constant('mot-cua@0'), fc.constant('../../etc@1'), fc.constant('nope@1')) }),
  fc.record({ givenAt: fc.oneof(wrongType, hostileString, fc.constant('2026-13-45T99:00:00Z')) }),
  fc.record({ procedure: fc.oneof(wrongType, nasty.map((s) => `1.00${s}1`), huge) }),
  fc.record({ website: fc.oneof(wrongType, huge) }),
  fc.tuple(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in base())), hostileValue).map(([k, v]) => ({ [k]: v })),
)

const hostileSubmission: fc.Arbitrary<Body> = fc.oneof(
  badFields.map((f) => JSON.stringify({ ...base(), ...f })),
  badAnswers.map((f) => JSON.stringify({ ...base(), ...f })),
  fc.tuple(protoKey, hostileValue).map(([k, v]) => withRawKey(base(), k, v)),
  fc.tuple(protoKey, fc.integer({ min: 1, max: 5 })).map(([k, v]) => JSON.stringify({ ...base(), answers: JSON.parse(withRawKey({ overall: 3 }, k, v)) })),
  fc.tuple(protoKey, wrongType).map(([k, v]) => `{"answers":{${JSON.stringify(k)}:{"overall":${JSON.stringify(v)}}},${JSON.stringify(base()).slice(1).replace(/"answers":\{[^}]*\},?/, '')}`),
  deep.map((d) => JSON.stringify({ ...base(), answers: { overall: '@@' } }).replace('"@@"', d)),
  malformed(JSON.stringify(base())),
  wrongType.map((v) => JSON.stringify([v])),
  fc.constantFrom('null', '1', '"x"', 'true', '[]', ''),
  badUtf8.map((bytes) => withBadBytes(JSON.stringify({ ...base(), answers: { overall: 2, comment: 'Chờ @@ lâu' } }), bytes)),
  badUtf8.map((bytes) => withBadBytes(JSON.stringify({ ...base(), procedure: '1.0@@01' }), bytes)),
  huge.map((s) => JSON.stringify({ ...base(), answers: { overall: 2, comment: s } })),
)

describe('hostile input never writes, never fails with 5xx, and always says why', () => {
  it(`${RUNS.submission} single submissions`, { timeout: 120_000 }, async () => {
    const before = await rowCounts()
    await fc.assert(
      fc.asyncProperty(hostileSubmission, async (body) => {
        expectRefusal(await send('/api/v1/responses', body, { Authorization: `Bearer ${deskToken}` }))
      }),
      { numRuns: RUNS.submission },
    )
    expect(await rowCounts()).toEqual(before)
  })

  it(`${RUNS.batch} batches: refused whole, or every item answered "invalid" with its reasons`, { timeout: 120_000 }, async () => {
    // Items stay JSON text (a malformed one goes in as a string), so the test never re-serialises deep nesting.
    const item = hostileSubmission.filter((b): b is string => typeof b === 'string').map((s) => {
      try {
        JSON.parse(s)
        return s
      } catch {
        return JSON.stringify(s)
      }
    })
    const batch: fc.Arbitrary<Body> = fc.oneof(
      fc.array(item, { minLength: 1, maxLength: 5 }).map((items) => `{"items":[${items.join(',')}]}`),
      fc.array(item, { minLength: 1, maxLength: 3 }).chain((items) => fc.tuple(protoKey, hostileValue).map(([k, v]) => `{${JSON.stringify(k)}:${JSON.stringify(v)},"items":[${items.join(',')}]}`)),
      fc.oneof(wrongType, hostileString, fc.constant([])).map((items) => JSON.stringify({ items })),
      fc.integer({ min: 501, max: 800 }).map((n) => JSON.stringify({ items: Array.from({ length: n }, () => ({})) })),
      deep.map((d) => `{"items":${d}}`),
      malformed(JSON.stringify({ items: [base()] })),
      badUtf8.map((bytes) => withBadBytes(JSON.stringify({ items: [{ ...base(), answers: { overall: 2, comment: '@@' } }] }), bytes)),
    )
    const before = await rowCounts()
    await fc.assert(
      fc.asyncProperty(batch, async (body) => {
        const r = await send('/api/v1/responses/batch', body, { Authorization: `Bearer ${deskToken}` })
        if (r.status === 200) {
          const results = JSON.parse(r.text).results as Array<{ status: string; error?: { code: string; message: { vi: string; en: string } } }>
          expect(results.length).toBeGreaterThan(0)
          for (const x of results) {
            expect(x.status).toBe('invalid')
            expect(x.error!.message.vi.length).toBeGreaterThan(0)
            expect(x.error!.message.en.length).toBeGreaterThan(0)
          }
        } else expectRefusal(r)
      }),
      { numRuns: RUNS.batch },
    )
    expect(await rowCounts()).toEqual(before)
  })

  it(`${RUNS.invitation} invitation requests with a valid API key`, { timeout: 120_000 }, async () => {
    const good = { desk: 'MC-01', dossier: 'H40.175.01-260510-AB0001', procedure: '1.001234', qr: [] as string[] }
    const invitation: fc.Arbitrary<Body> = fc.oneof(
      fc.record({ desk: fc.oneof(wrongType, nasty.map((s) => `MC${s}01`), huge) }).map((f) => JSON.stringify({ ...good, ...f })),
      fc.record({ agency: fc.oneof(wrongType, nasty.map((s) => `SNV${s}`)) }).map((f) => JSON.stringify({ ...good, ...f })),
      fc.record({ dossier: fc.oneof(wrongType, nasty.map((s) => `H12${s}0001`), longish) }).map((f) => JSON.stringify({ ...good, ...f })),
      fc.record({ procedure: fc.oneof(wrongType, nasty.map((s) => `1.00${s}1`)) }).map((f) => JSON.stringify({ ...good, ...f })),
      fc.record({ survey: fc.oneof(wrongType, hostileString, fc.constant('../x')) }).map((f) => JSON.stringify({ ...good, ...f })),
      fc.record({ expiresInDays: fc.oneof(fc.constant(0), fc.constant(366), fc.constant(1.5), fc.constant(-1), fc.constant('30')) }).map((f) => JSON.stringify({ ...good, ...f })),
      fc.record({ expiresAt: fc.oneof(wrongType, hostileString) }).map((f) => JSON.stringify({ ...good, ...f })),
      fc.record({ qr: fc.oneof(fc.constant(['gif']), fc.constant(['svg', 'png', 'svg']), wrongType.filter((v) => !Array.isArray(v) || v.length > 0)) }).map((f) => JSON.stringify({ ...good, ...f })),
      fc.constant(JSON.stringify({ dossier: 'H1', qr: [] })),
      fc.tuple(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in good) && !['agency', 'survey', 'expiresAt', 'expiresInDays'].includes(k)), hostileValue).map(([k, v]) => JSON.stringify({ ...good, [k]: v })),
      fc.tuple(protoKey, hostileValue).map(([k, v]) => withRawKey(good, k, v)),
      deep.map((d) => `{"desk":"MC-01","qr":${d}}`),
      malformed(JSON.stringify(good)),
      badUtf8.map((bytes) => withBadBytes(JSON.stringify({ ...good, procedure: '1.0@@1' }), bytes)),
      wrongType.map((v) => JSON.stringify(v)),
    )
    const batch = fc.oneof(
      fc.array(invitation.filter((b): b is string => typeof b === 'string'), { minLength: 1, maxLength: 3 }).map((items) => `{"items":[${JSON.stringify(good)},${items.join(',')}],"qr":[]}`),
      fc.constant(JSON.stringify({ items: [], qr: [] })),
    )
    const before = await rowCounts()
    const start = t.clock.now()
    await fc.assert(
      fc.asyncProperty(fc.oneof(invitation, invitation, batch.map((b) => ({ batch: b }))), async (body) => {
        // The key's limit (120 a minute) would answer 429 to most of these: one request a second stays below it.
        t.clock.set(new Date(t.clock.now().getTime() + 1000))
        const isBatch = typeof body === 'object' && 'batch' in body
        const r = await send(isBatch ? '/api/v1/invitations/batch' : '/api/v1/invitations', isBatch ? body.batch : body, { Authorization: `Bearer ${apiKey}` })
        expectRefusal(r)
      }),
      { numRuns: RUNS.invitation },
    )
    t.clock.set(start)
    expect(await rowCounts()).toEqual(before)
  })

  it(`${RUNS.agency} staff JSON bodies (POST /api/v1/admin/agencies)`, { timeout: 120_000 }, async () => {
    const good = { code: 'SYT', name: 'Sở Y tế', parent: 'SNV', kind: 'department' }
    const agency: fc.Arbitrary<Body> = fc.oneof(
      fc.record({ code: fc.oneof(wrongType, hostileString, fc.constant('../SNV'), fc.constant('a b'), fc.constant('')) }).map((f) => JSON.stringify({ ...good, ...f })),
      fc.record({ name: fc.oneof(wrongType, nasty.map((s) => `Sở ${s} Y tế`), longish, fc.constant('   ')) }).map((f) => JSON.stringify({ ...good, ...f })),
      fc.record({ parent: fc.oneof(fc.integer(), fc.boolean(), hostileString, fc.constant('KHONG-CO')) }).map((f) => JSON.stringify({ ...good, ...f })),
      fc.record({ kind: fc.oneof(wrongType, hostileString, fc.constant('ministry')) }).map((f) => JSON.stringify({ ...good, ...f })),
      fc.tuple(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in good)), hostileValue).map(([k, v]) => JSON.stringify({ ...good, [k]: v })),
      fc.tuple(protoKey, hostileValue).map(([k, v]) => withRawKey(good, k, v)),
      deep.map((d) => JSON.stringify({ ...good, name: '@@' }).replace('"@@"', d)),
      malformed(JSON.stringify(good)),
      badUtf8.map((bytes) => withBadBytes(JSON.stringify({ ...good, name: 'Sở @@ Y tế' }), bytes)),
      wrongType.map((v) => JSON.stringify(v)),
    )
    const before = await rowCounts()
    await fc.assert(
      fc.asyncProperty(agency, async (body) => {
        expectRefusal(await send('/api/v1/admin/agencies', body, staffHeaders))
      }),
      { numRuns: RUNS.agency },
    )
    expect(await rowCounts()).toEqual(before)
  })

  it(`${RUNS.csv} CSV files for the paper-entry import`, { timeout: 120_000 }, async () => {
    const header = 'submission_id,survey,agency,desk,channel,submitted_at,overall,reasons,comment'
    const goodRow = ['6f1c8a4e-3b1d-4c39-9a53-0d1f4b7c2e10', 'mot-cua@1', 'SNV', 'MC-01', 'paper', '2026-05-01T03:00:00Z', '2', 'wait', 'Chờ lâu']
    const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`
    // Each row breaks one column, so every row must be refused and the file with it.
    const badRow = fc.tuple(fc.integer({ min: 0, max: 8 }), fc.oneof(hostileString, fc.constantFrom('', '=1+1', '0', '6', 'nope', '__proto__', '{"a":1}', '2026-99-01', 'web\u0000'))).map(([col, value]) => {
      const cells = [...goodRow]
      // An empty desk is allowed (the agency's own entry), so an empty cell there is not a fault.
      cells[col] = col === 7 || col === 8 ? value : value === goodRow[col] || (col === 3 && value === '') ? `${value}x` : value
      // Reasons and comment only break the row when out of range; keep the row bad through the rating.
      if (col === 7 || col === 8) cells[6] = '9'
      return cells.map(quote).join(',')
    })
    const file: fc.Arbitrary<Uint8Array> = fc.oneof(
      fc.array(badRow, { minLength: 1, maxLength: 4 }).map((rows) => new TextEncoder().encode([header, ...rows].join('\n'))),
      fc.array(badRow, { minLength: 1, maxLength: 2 }).chain((rows) => badUtf8.map((b) => withBadBytes([header, ...rows, goodRow.map((c, i) => (i === 8 ? 'x@@y' : i === 6 ? '0' : c)).join(',')].join('\n'), b))),
      fc.constantFrom('', '\u0000', 'a,b\n"unterminated', header.replace('submission_id', '__proto__') + '\n' + goodRow.join(','), `${header}\n"a"b",c`).map((s) => new TextEncoder().encode(s)),
      fc.uint8Array({ maxLength: 300 }),
    )
    const catalog = new SurveyCatalog(t.db)
    const before = await rowCounts()
    await fc.assert(
      fc.asyncProperty(file, async (data) => {
        const outcome = await importResponses(t.db, { name: 'giay.csv', data }, { timeZone: 'Asia/Ho_Chi_Minh', clock: t.clock, catalog, actor: 'test' }).then(
          (summary) => ({ summary }),
          (error: unknown) => ({ error }),
        )
        if ('summary' in outcome) {
          // Only a file with no data rows may "succeed", and then it imports nothing.
          expect(outcome.summary.imported).toBe(0)
          return
        }
        expect(outcome.error, String(outcome.error)).toBeInstanceOf(ImportRejected)
        const e = outcome.error as ImportRejected
        expect(e.text.vi.length).toBeGreaterThan(0)
        expect(e.rows.length).toBeGreaterThan(0)
        for (const row of e.rows) expect(row.message.en.length).toBeGreaterThan(0)
      }),
      { numRuns: RUNS.csv },
    )
    expect(await rowCounts()).toEqual(before)
  })

  it('keeps serving: a valid submission, invitation and agency afterwards are taken', async () => {
    const s = await send('/api/v1/responses', JSON.stringify(base()), { Authorization: `Bearer ${deskToken}` })
    expect(s.status).toBe(201)
    const i = await send('/api/v1/invitations', JSON.stringify({ desk: 'MC-01', qr: [] }), { Authorization: `Bearer ${apiKey}` })
    expect(i.status).toBe(201)
    const a = await send('/api/v1/admin/agencies', JSON.stringify({ code: 'SYT', name: 'Sở Y tế', parent: 'SNV', kind: 'department' }), staffHeaders)
    expect(a.status).toBe(201)
  })
})
