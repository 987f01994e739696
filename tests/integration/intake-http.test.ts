import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BODY_LIMITS } from '../../server/lib/limits.ts'
import { countResponses } from '../../server/responses/repository.ts'
import { startServer, type TestServer } from '../helpers/browser.ts'
import { makeAgency, makeDesk, makePairedKiosk } from '../helpers/factories.ts'

// Served by Node, intake reads its headers and body straight from the socket (server/lib/node-request.ts);
// under app.request() it reads them through hono's fetch Request. A tablet must get the same answer both
// ways: each request below goes to the same app over HTTP and through app.request(), and the two answers
// must match (status and envelope; the request id aside).

let s: TestServer
let secret: string
beforeAll(async () => {
  s = await startServer()
  const agency = await makeAgency(s.db, { code: 'SNV' })
  const desk = await makeDesk(s.db, agency.id)
  secret = (await makePairedKiosk(s, desk.id)).secret
})
afterAll(() => s?.close())

interface Case {
  name: string
  path?: string
  headers?: Record<string, string>
  /** Built per request, so both sides send a fresh submission id. */
  body: (id: string) => string | Uint8Array
  /** Sent in chunks without a Content-Length. */
  chunked?: boolean
  status: number
  code?: string
}

const valid = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify({ submissionId: id, survey: 'mot-cua@1', answers: { overall: 4 }, ...extra })
const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))))

const cases: Case[] = [
  { name: 'a valid rating', body: (id) => valid(id), status: 201 },
  { name: 'a valid rating sent in chunks', body: (id) => valid(id), chunked: true, status: 201 },
  {
    name: 'a valid rating with a byte-order mark and a charset',
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: (id) => bytes([0xef, 0xbb, 0xbf], valid(id)),
    status: 201,
  },
  {
    name: 'invalid UTF-8 in a string',
    body: (id) => bytes(valid(id, { procedure: '1.0' }).replace('1.0', '1.0@@').split('@@')[0]!, [0xc3, 0x28], '"}'),
    status: 400,
    code: 'invalid_encoding',
  },
  { name: 'malformed JSON', body: (id) => valid(id).slice(0, -3), status: 400, code: 'malformed_body' },
  { name: 'an empty body', body: () => '', status: 400, code: 'malformed_body' },
  { name: 'a control character', body: (id) => valid(id, { procedure: 'a\u0007b' }), status: 400, code: 'validation_failed' },
  { name: 'a field the schema does not know', body: (id) => valid(id, { agency: 3 }), status: 400, code: 'validation_failed' },
  { name: 'a body that is not JSON by its type', headers: { 'Content-Type': 'text/plain' }, body: (id) => valid(id), status: 400, code: 'validation_failed' },
  { name: 'JSON under a vendor media type', headers: { 'Content-Type': 'application/vnd.hailong_1+json' }, body: (id) => valid(id), status: 201 },
  { name: 'a body over the limit', body: (id) => valid(id, { website: 'x'.repeat(BODY_LIMITS.response) }), status: 413, code: 'body_too_large' },
  { name: 'a body over the limit, in chunks', body: (id) => valid(id, { website: 'x'.repeat(BODY_LIMITS.response) }), chunked: true, status: 413, code: 'body_too_large' },
  { name: 'no credential', headers: { Authorization: '' }, body: (id) => valid(id), status: 401, code: 'invalid_credential' },
  { name: 'a credential in lower case', headers: { authorization: 'bearer kiosk_abcdefgh' }, body: (id) => valid(id), status: 401, code: 'invalid_credential' },
  {
    name: 'a batch with one bad item',
    path: '/api/v1/responses/batch',
    body: (id) => JSON.stringify({ items: [JSON.parse(valid(id)), { submissionId: 'x' }] }),
    status: 200,
  },
  {
    name: 'a batch over its limit',
    path: '/api/v1/responses/batch',
    body: () => JSON.stringify({ items: ['x'.repeat(BODY_LIMITS.responseBatch)] }),
    status: 413,
    code: 'body_too_large',
  },
]

const headersOf = (c: Case): Record<string, string> => {
  const h: Record<string, string> = { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}`, ...c.headers }
  // One spelling per header: a case's own (authorization) replaces the default's (Authorization).
  for (const k of Object.keys(c.headers ?? {})) if (k !== k[0]!.toUpperCase() + k.slice(1)) delete h[k[0]!.toUpperCase() + k.slice(1)]
  return Object.fromEntries(Object.entries(h).filter(([, v]) => v !== ''))
}

/** Over a real socket, as a tablet sends it: Content-Length, or chunked transfer encoding. */
function overHttp(c: Case, body: Buffer): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${s.url}${c.path ?? '/api/v1/responses'}`, { method: 'POST', headers: headersOf(c) }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (d: Buffer) => chunks.push(d))
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString()) }))
    })
    // A server that answers 413 before reading the rest may close the socket under a long upload.
    req.on('error', reject)
    if (c.chunked) {
      for (let at = 0; at < body.length; at += 1000) req.write(body.subarray(at, at + 1000))
      req.end()
    } else {
      req.setHeader('Content-Length', body.length)
      req.end(body)
    }
  })
}

async function throughApp(c: Case, body: Buffer) {
  const res = await s.app.request(c.path ?? '/api/v1/responses', {
    method: 'POST',
    headers: headersOf(c),
    body: c.chunked ? new Blob([new Uint8Array(body)]).stream() : body,
    ...(c.chunked ? { duplex: 'half' } : {}),
  } as RequestInit)
  return { status: res.status, json: (await res.json()) as any }
}

/** The answer without what differs by construction: the request id and the submission id sent. */
const comparable = (r: { status: number; json: any }, id: string) =>
  JSON.parse(
    JSON.stringify(r)
      .replaceAll(id, '@ID@')
      .replace(/"requestId":"[^"]*"/g, '"requestId":"…"'),
  )

describe('intake over HTTP answers as through app.request()', () => {
  for (const c of cases)
    it(c.name, async () => {
      const before = await countResponses(s.db)
      const [a, b] = [randomUUID(), randomUUID()]
      const http = await overHttp(c, Buffer.from(c.body(a)))
      const app = await throughApp(c, Buffer.from(c.body(b)))
      expect(http.status).toBe(c.status)
      if (c.code) expect(http.json.error.code).toBe(c.code)
      expect(comparable(http, a)).toEqual(comparable(app, b))
      const stored = c.status === 201 ? 2 : c.name.startsWith('a batch with') ? 2 : 0
      expect(await countResponses(s.db)).toBe(before + stored)
    })
})
