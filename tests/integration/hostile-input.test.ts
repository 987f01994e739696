import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { csvCell, csvLine } from '../../server/exports/csv.ts'
import { importResponses, PAPER_IMPORT_LIMITS } from '../../server/imports/responses-import.ts'
import { readTable } from '../../server/imports/table-reader.ts'
import { ImportRejected } from '../../server/imports/row-issues.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { makeSnvDesk, signIn, submission } from '../helpers/factories.ts'
import { tempDir } from '../helpers/cli.ts'
import { hugeSharedStrings, longAttributeSheet, oneSharedCellSheet, tinyRowsSheet, workbookParts, writeZip } from '../helpers/xlsx-files.ts'

// Well over 10,000 hostile inputs in all (3,000 + 1,500 + 2,500 + 2,000 + 1,500), each invalid by
// construction, so any row written or any 5xx is a bug, not an accident of generation.
const RUNS = { submission: 3000, batch: 1500, invitation: 2500, agency: 2000, csv: 1500 }

let t: TestApp
let deskToken: string
let apiKey: string
let staffHeaders: Record<string, string>
beforeAll(async () => {
  t = await createTestApp()
  const snv = await makeSnvDesk(t.db)
  deskToken = snv.desk.token
  apiKey = snv.key
  staffHeaders = (await signIn(t, 'admin')).headers
})
afterAll(() => t.close())

const WATCHED = ['responses', 'answers', 'rollups', 'invitations', 'agencies', 'desks'] as const
async function rowCounts() {
  const out: Record<string, number> = {}
  for (const table of WATCHED) {
    const r = await t.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
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
const hostileString = fc.oneof(
  nasty,
  longish,
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s + '\u0000'),
)
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
const deep = fc
  .tuple(fc.integer({ min: 500, max: 60_000 }), fc.boolean())
  .map(([depth, arrays]) => (arrays ? '['.repeat(depth) + '1' + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)))

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

/** The valid body with one field made bad: per field, its bad values as one arbitrary of JSON text. */
const oneBadField = (good: Record<string, unknown>, fields: Record<string, fc.Arbitrary<unknown>>) =>
  Object.entries(fields).map(([field, values]) => values.map((v) => JSON.stringify({ ...good, [field]: v })))

// --- single submissions ---------------------------------------------------------------------------

const base = () => submission({ overall: 2, reasons: ['wait'], comment: 'Chờ lâu' }) as Record<string, unknown>
const badAnswers = fc.oneof(
  wrongType.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)).map((answers) => ({ answers })),
  hostileValue.filter((v) => !(typeof v === 'number' && [1, 2, 3, 4, 5].includes(v))).map((overall) => ({ answers: { overall } })),
  fc
    .oneof(
      nasty.map((s) => `Chờ ${s} lâu`),
      longish,
    )
    .map((comment) => ({ answers: { overall: 2, comment } })),
  fc
    .tuple(
      fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !['overall', 'staff', 'time', 'reasons', 'comment'].includes(k)),
      fc.integer({ min: 1, max: 5 }),
    )
    .map(([k, v]) => ({ answers: { overall: 4, [k]: v } })),
  fc
    .array(fc.string({ maxLength: 10 }), { minLength: 1, maxLength: 8 })
    .filter((r) => r.some((x) => !['wait', 'complex', 'attitude', 'guidance', 'repeat', 'facility', 'other'].includes(x)))
    .map((reasons) => ({ answers: { overall: 1, reasons } })),
)
const badFields = fc.oneof(
  fc.record({ submissionId: fc.oneof(wrongType, hostileString, fc.constant('not-a-uuid')) }),
  fc.record({ survey: fc.oneof(wrongType, hostileString, fc.constant('mot-cua@0'), fc.constant('../../etc@1'), fc.constant('nope@1')) }),
  fc.record({ givenAt: fc.oneof(wrongType, hostileString, fc.constant('2026-13-45T99:00:00Z')) }),
  fc.record({
    procedure: fc.oneof(
      wrongType,
      nasty.map((s) => `1.00${s}1`),
      huge,
    ),
  }),
  fc.record({ website: fc.oneof(wrongType, huge) }),
  fc
    .tuple(
      fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in base())),
      hostileValue,
    )
    .map(([k, v]) => ({ [k]: v })),
)

const hostileSubmission: fc.Arbitrary<Body> = fc.oneof(
  badFields.map((f) => JSON.stringify({ ...base(), ...f })),
  badAnswers.map((f) => JSON.stringify({ ...base(), ...f })),
  fc.tuple(protoKey, hostileValue).map(([k, v]) => withRawKey(base(), k, v)),
  fc.tuple(protoKey, fc.integer({ min: 1, max: 5 })).map(([k, v]) => JSON.stringify({ ...base(), answers: JSON.parse(withRawKey({ overall: 3 }, k, v)) })),
  fc.tuple(protoKey, wrongType).map(
    ([k, v]) =>
      `{"answers":{${JSON.stringify(k)}:{"overall":${JSON.stringify(v)}}},${JSON.stringify(base())
        .slice(1)
        .replace(/"answers":\{[^}]*\},?/, '')}`,
  ),
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
    const item = hostileSubmission
      .filter((b): b is string => typeof b === 'string')
      .map((s) => {
        try {
          JSON.parse(s)
          return s
        } catch {
          return JSON.stringify(s)
        }
      })
    const batch: fc.Arbitrary<Body> = fc.oneof(
      fc.array(item, { minLength: 1, maxLength: 5 }).map((items) => `{"items":[${items.join(',')}]}`),
      fc
        .array(item, { minLength: 1, maxLength: 3 })
        .chain((items) => fc.tuple(protoKey, hostileValue).map(([k, v]) => `{${JSON.stringify(k)}:${JSON.stringify(v)},"items":[${items.join(',')}]}`)),
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
      ...oneBadField(good, {
        desk: fc.oneof(
          wrongType,
          nasty.map((s) => `MC${s}01`),
          huge,
        ),
        agency: fc.oneof(
          wrongType,
          nasty.map((s) => `SNV${s}`),
        ),
        dossier: fc.oneof(
          wrongType,
          nasty.map((s) => `H12${s}0001`),
          longish,
        ),
        procedure: fc.oneof(
          wrongType,
          nasty.map((s) => `1.00${s}1`),
        ),
        survey: fc.oneof(wrongType, hostileString, fc.constant('../x')),
        expiresInDays: fc.oneof(fc.constant(0), fc.constant(366), fc.constant(1.5), fc.constant(-1), fc.constant('30')),
        expiresAt: fc.oneof(wrongType, hostileString),
        qr: fc.oneof(
          fc.constant(['gif']),
          fc.constant(['svg', 'png', 'svg']),
          wrongType.filter((v) => !Array.isArray(v) || v.length > 0),
        ),
      }),
      fc.constant(JSON.stringify({ dossier: 'H1', qr: [] })),
      fc
        .tuple(
          fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in good) && !['agency', 'survey', 'expiresAt', 'expiresInDays'].includes(k)),
          hostileValue,
        )
        .map(([k, v]) => JSON.stringify({ ...good, [k]: v })),
      fc.tuple(protoKey, hostileValue).map(([k, v]) => withRawKey(good, k, v)),
      deep.map((d) => `{"desk":"MC-01","qr":${d}}`),
      malformed(JSON.stringify(good)),
      badUtf8.map((bytes) => withBadBytes(JSON.stringify({ ...good, procedure: '1.0@@1' }), bytes)),
      wrongType.map((v) => JSON.stringify(v)),
    )
    const batch = fc.oneof(
      fc
        .array(
          invitation.filter((b): b is string => typeof b === 'string'),
          { minLength: 1, maxLength: 3 },
        )
        .map((items) => `{"items":[${JSON.stringify(good)},${items.join(',')}],"qr":[]}`),
      fc.constant(JSON.stringify({ items: [], qr: [] })),
    )
    const before = await rowCounts()
    const start = t.clock.now()
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          invitation,
          invitation,
          batch.map((b) => ({ batch: b })),
        ),
        async (body) => {
          // The key's limit (120 a minute) would answer 429 to most of these: one request a second stays below it.
          t.clock.set(new Date(t.clock.now().getTime() + 1000))
          const isBatch = typeof body === 'object' && 'batch' in body
          const r = await send(isBatch ? '/api/v1/invitations/batch' : '/api/v1/invitations', isBatch ? body.batch : body, { Authorization: `Bearer ${apiKey}` })
          expectRefusal(r)
        },
      ),
      { numRuns: RUNS.invitation },
    )
    t.clock.set(start)
    expect(await rowCounts()).toEqual(before)
  })

  it(`${RUNS.agency} staff JSON bodies (POST /api/v1/admin/agencies)`, { timeout: 120_000 }, async () => {
    const good = { code: 'SYT', name: 'Sở Y tế', parent: 'SNV', kind: 'department' }
    const agency: fc.Arbitrary<Body> = fc.oneof(
      ...oneBadField(good, {
        code: fc.oneof(wrongType, hostileString, fc.constant('../SNV'), fc.constant('a b'), fc.constant('')),
        name: fc.oneof(
          wrongType,
          nasty.map((s) => `Sở ${s} Y tế`),
          longish,
          fc.constant('   '),
        ),
        parent: fc.oneof(fc.integer(), fc.boolean(), hostileString, fc.constant('KHONG-CO')),
        kind: fc.oneof(wrongType, hostileString, fc.constant('ministry')),
      }),
      fc
        .tuple(
          fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in good)),
          hostileValue,
        )
        .map(([k, v]) => JSON.stringify({ ...good, [k]: v })),
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
    const badRow = fc
      .tuple(fc.integer({ min: 0, max: 8 }), fc.oneof(hostileString, fc.constantFrom('', '=1+1', '0', '6', 'nope', '__proto__', '{"a":1}', '2026-99-01', 'web\u0000')))
      .map(([col, value]) => {
        const cells = [...goodRow]
        // An empty desk is allowed (the agency's own entry), so an empty cell there is not a fault.
        cells[col] = col === 7 || col === 8 ? value : value === goodRow[col] || (col === 3 && value === '') ? `${value}x` : value
        // Reasons and comment only break the row when out of range; keep the row bad through the rating.
        if (col === 7 || col === 8) cells[6] = '9'
        return cells.map(quote).join(',')
      })
    const file: fc.Arbitrary<Uint8Array> = fc.oneof(
      fc.array(badRow, { minLength: 1, maxLength: 4 }).map((rows) => new TextEncoder().encode([header, ...rows].join('\n'))),
      fc
        .array(badRow, { minLength: 1, maxLength: 2 })
        .chain((rows) => badUtf8.map((b) => withBadBytes([header, ...rows, goodRow.map((c, i) => (i === 8 ? 'x@@y' : i === 6 ? '0' : c)).join(',')].join('\n'), b))),
      fc
        .constantFrom('', '\u0000', 'a,b\n"unterminated', header.replace('submission_id', '__proto__') + '\n' + goodRow.join(','), `${header}\n"a"b",c`)
        .map((s) => new TextEncoder().encode(s)),
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

describe('credentials named like Object.prototype never resolve', () => {
  const tokens = [
    'constructor_AAAAAAAAAAAA',
    'toString_AAAAAAAAAAAA',
    'valueOf_AAAAAAAAAAAA',
    'hasOwnProperty_AAAAAAAAAAAA',
    '__proto___AAAAAAAAAAAA',
    '__proto__AAAAAAAAAAAA',
    'isPrototypeOf_AAAAAAAA',
    'propertyIsEnumerable_AAAAAAAA',
  ]
  it.each(tokens)('%s: 401 for a submission, for ?validateOnly=1 and for a batch, and nothing is stored', async (token) => {
    const before = await rowCounts()
    const auth = { Authorization: `Bearer ${token}` }
    for (const [path, body] of [
      ['/api/v1/responses', JSON.stringify(base())],
      ['/api/v1/responses?validateOnly=1', JSON.stringify(base())],
      ['/api/v1/responses/batch', JSON.stringify({ items: [base()] })],
    ] as const) {
      const r = await send(path, body, auth)
      expect(r.status, `${path}: ${r.text}`).toBe(401)
      expect(JSON.parse(r.text).error.code).toBe('invalid_credential')
    }
    expect(await rowCounts()).toEqual(before)
  })
})

describe('hostile uploads: refused with 400 and the envelope, nothing written', () => {
  const upload = async (body: BodyInit, contentType?: string) => {
    const headers: Record<string, string> = { ...staffHeaders }
    if (contentType) headers['Content-Type'] = contentType
    const res = await t.app.request('/api/v1/admin/imports/responses?dryRun=1', { method: 'POST', headers, body })
    return { status: res.status, text: await res.text() }
  }
  const fileForm = (name: string, data: BlobPart) => {
    const form = new FormData()
    form.set('file', new File([data], name))
    return form
  }
  const HEADER = 'submission_id,survey,agency,desk,channel,submitted_at,overall'

  it('malformed multipart bodies', async () => {
    const before = await rowCounts()
    const cases: Array<[string, string | undefined]> = [
      ['--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc', 'multipart/form-data; boundary=xyz'], // never closed
      ['garbage without any boundary', 'multipart/form-data; boundary=xyz'],
      ['--xyz\r\nno headers at all\r\n--xyz--', 'multipart/form-data; boundary=xyz'],
      ['anything', 'multipart/form-data'], // no boundary
      ['anything', 'multipart/form-data; boundary='],
      ['{"file":"a.csv"}', 'application/json'],
      ['', undefined],
    ]
    for (const [body, type] of cases) {
      const r = await upload(body, type)
      expect(r.status, `${type}: ${r.text}`).toBe(400)
      expectRefusal(r)
    }
    expect(await rowCounts()).toEqual(before)
  })

  it('"XLSX" files that are not zip archives, or broken ones', async () => {
    const real = new ExcelJS.Workbook()
    real.addWorksheet('Sheet1').addRow(HEADER.split(','))
    const bytes = new Uint8Array(await real.xlsx.writeBuffer())
    for (const data of [
      new TextEncoder().encode('hello, I am a CSV'),
      new Uint8Array(0),
      bytes.slice(0, bytes.length / 2),
      bytes.slice(bytes.length / 3),
      new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0xff)]),
    ]) {
      const r = await upload(fileForm('phieu.xlsx', data))
      expect(r.status, r.text).toBe(400)
      expectRefusal(r)
      expect(JSON.parse(r.text).rows[0].code).toMatch(/not_xlsx|unreadable_file/)
    }
  })

  it('a file past the row limit is refused as a whole, naming the limit in both languages', async () => {
    const rows = Array.from({ length: PAPER_IMPORT_LIMITS.maxRows + 5 }, () => 'x')
    const r = await upload(fileForm('phieu.csv', [HEADER, ...rows].join('\n')))
    expect(r.status).toBe(400)
    const body = JSON.parse(r.text)
    expect(body.error.message.vi).toContain('50.000')
    expect(body.error.message.en).toContain('50,000')
    expect(body.rows).toMatchObject([{ code: 'too_many_rows' }])
  })

  it('a file of many bad rows keeps the problems of the first rows only, with the count of all', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `bad-${i},mot-cua@1,SNV,,paper,2026-05-01,3`)
    const r = await upload(fileForm('phieu.csv', [HEADER, ...rows].join('\n')))
    const body = JSON.parse(r.text)
    expect(body.rejected).toBe(3000)
    expect(body.rows.length).toBeLessThanOrEqual(200)
    expect(body.rows[0].row).toBe(2)
  })

  it('an XLSX whose shared-strings table is too large is refused before it fills memory', async () => {
    const dir = tempDir('hailong-sst-')
    const file = path.join(dir, 'sst.xlsx')
    await writeZip(file, workbookParts(oneSharedCellSheet(), hugeSharedStrings(20, 1_000_000)))
    const r = await upload(fileForm('phieu.xlsx', fs.readFileSync(file)))
    expect(r.status).toBe(400)
    expect(JSON.parse(r.text).rows[0]).toMatchObject({ code: 'xlsx_too_large' })
  })

  it('the agencies import: past 10,000 rows refused whole; a 2,000-deep chain given children first is stored in order', async () => {
    const send = async (csv: string) => {
      const form = new FormData()
      form.set('file', new File([csv], 'co-quan.csv'))
      const res = await t.app.request('/api/v1/admin/agencies/import', { method: 'POST', headers: staffHeaders, body: form })
      return { status: res.status, body: (await res.json()) as any }
    }
    const before = await rowCounts()
    const tooMany = await send(['code,name,parent,kind', ...Array.from({ length: 10_001 }, (_, i) => `X${i},Cơ quan ${i},,other`)].join('\n'))
    expect(tooMany.status).toBe(400)
    expect(tooMany.body.error.message.en).toContain('10,000')
    expect(await rowCounts()).toEqual(before)
    // C1999 is the top; each Ci has parent C(i+1), listed child first: every parent comes later in the file.
    const chain = await send(['code,name,parent,kind', ...Array.from({ length: 2000 }, (_, i) => `C${i},Chuỗi ${i},${i < 1999 ? `C${i + 1}` : 'SNV'},other`)].join('\n'))
    expect(chain.body).toMatchObject({ created: 2000 })
    const c0 = await t.db.selectFrom('agencies').select('parent_id').where('code', '=', 'C0').executeTakeFirstOrThrow()
    const c1 = await t.db.selectFrom('agencies').select('id').where('code', '=', 'C1').executeTakeFirstOrThrow()
    expect(c0.parent_id).toBe(c1.id)
  })

  it('an XLSX whose sheet hides a megabytes-long attribute (a few KB packed) is refused before the parser buffers it', async () => {
    const file = path.join(tempDir('hailong-attr-'), 'attr.xlsx')
    await writeZip(file, workbookParts(longAttributeSheet(80 * 64 * 1024)))
    expect(fs.statSync(file).size).toBeLessThan(64 * 1024)
    const r = await upload(fileForm('phieu.xlsx', fs.readFileSync(file)))
    expect(r.status).toBe(400)
    expect(JSON.parse(r.text).rows[0]).toMatchObject({ code: 'xlsx_too_large' })
  })

  it('an XLSX whose central directory understates a part (a zip bomb that lies) is cut off while inflating', async () => {
    const file = path.join(tempDir('hailong-lie-'), 'lie.xlsx')
    await writeZip(file, workbookParts(tinyRowsSheet(20_000)))
    const bytes = fs.readFileSync(file)
    // The sheet's record in the central directory (whose offset the end record holds), name after 46 bytes.
    const record = bytes.indexOf('xl/worksheets/sheet1.xml', bytes.readUInt32LE(bytes.length - 22 + 16)) - 46
    expect(bytes.readUInt32LE(record)).toBe(0x02014b50)
    bytes.writeUInt32LE(1000, record + 24) // declared unpacked size: 1 KB, for about 700 KB of XML
    const r = await upload(fileForm('phieu.xlsx', bytes))
    expect(r.status).toBe(400)
    expect(JSON.parse(r.text).rows[0]).toMatchObject({ code: 'xlsx_too_large' })
  })

  it('an XLSX with the header and a valid row is still read (dates, shared and inline strings)', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Sheet1')
    ws.addRow(HEADER.split(','))
    ws.addRow(['7a4c1d2e-8f3b-4a6c-9d1e-2b3c4d5e6f70', 'mot-cua@1', 'SNV', 'MC-01', 'paper', new Date('2026-05-01T03:00:00Z'), 4])
    const r = await upload(fileForm('phieu.xlsx', new Uint8Array(await wb.xlsx.writeBuffer())))
    expect(JSON.parse(r.text), r.text).toMatchObject({ dryRun: true, imported: 1 })
  })
})

describe('text: fullwidth formula characters and invisible format characters', () => {
  it('CSV cells starting with ＝ ＋ － ＠ are neutralised, and read back as typed', async () => {
    for (const s of ['＝HYPERLINK("http://x")', '＋1', '－2', '＠SUM(A1)', '=1', '+1', '-1', '@x']) {
      expect(csvCell(s).replace(/^"/, '').startsWith("'")).toBe(true)
      const rows = []
      for await (const row of readTable({ name: 'a.csv', data: new TextEncoder().encode(csvLine([s])) })) rows.push(row.cells[0])
      expect(rows).toEqual([s])
    }
  })

  it('zero-width and direction marks are stripped from stored text (not refused)', async () => {
    const body = submission({ overall: 2, reasons: ['wait'], comment: '\u200BChờ\u200F lâu\u200D\uFEFF\u2060' })
    const r = await send('/api/v1/responses', JSON.stringify(body), { Authorization: `Bearer ${deskToken}` })
    expect(r.status, r.text).toBe(201)
    const stored = await t.db
      .selectFrom('answers')
      .innerJoin('responses', 'responses.id', 'answers.response_id')
      .select('answers.value_text')
      .where('responses.submission_id', '=', String(body.submissionId))
      .where('answers.value_text', 'is not', null)
      .execute()
    expect(stored.map((a) => a.value_text)).toContain('Chờ lâu')
    const a = await send('/api/v1/admin/agencies', JSON.stringify({ code: 'SXD', name: 'Sở\u200B Xây dựng\u200E', parent: 'SNV', kind: 'department' }), staffHeaders)
    expect(a.status, a.text).toBe(201)
    expect((await t.db.selectFrom('agencies').select('name').where('code', '=', 'SXD').executeTakeFirstOrThrow()).name).toBe('Sở Xây dựng')
  })
})
