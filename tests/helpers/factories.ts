import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { AgencyKind, Database } from '../../server/db/schema.ts'
import { isPostgres } from '../../server/db/dialect.ts'
import { insertAgency } from '../../server/agencies/repository.ts'
import { insertDesk } from '../../server/desks/repository.ts'
import { newToken } from '../../server/lib/tokens.ts'

let seq = 0
export async function makeAgency(db: Kysely<Database>, a: { code?: string; name?: string; kind?: AgencyKind; parentId?: number | null } = {}) {
  const code = a.code ?? `AG-${++seq}`
  const id = await insertAgency(db, { code, name: a.name ?? `Cơ quan ${code}`, kind: a.kind ?? 'department', parentId: a.parentId ?? null, at: '2026-01-01T00:00:00.000Z' })
  return { id, code }
}

export async function makeDesk(db: Kysely<Database>, agencyId: number, code = `Q${++seq}`) {
  const token = newToken('desk')
  const id = await insertDesk(db, { agencyId, code, name: `Quầy ${code}`, publicToken: token, at: '2026-01-01T00:00:00.000Z' })
  return { id, code, token }
}

export function submission(answers: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { submissionId: randomUUID(), survey: 'mot-cua@1', answers, ...extra }
}

export async function post(app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }, path: string, body: unknown, token?: string) {
  const res = await app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as any }
}

/** Creates a staff account and signs it in through the real login route; returns headers for requests. */
export async function signIn(
  t: { app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }; db: Kysely<Database>; clock: { now(): Date } },
  role: 'admin' | 'manager' | 'viewer' = 'admin',
  agencyId: number | null = null,
  /** The agency the person works for; defaults to agencyId. */
  homeAgencyId?: number | null,
) {
  const { createUser } = await import('../../server/auth/service.ts')
  const username = `${role}-${++seq}`
  const password = 'mat-khau-rat-dai-123'
  await createUser(t.db, { username, password, role, agencyId, homeAgencyId, actor: 'test' }, t.clock.now())
  const res = await t.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) })
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`)
  const cookie = res.headers.get('Set-Cookie')!.split(';')[0]!
  const { csrfToken } = (await res.json()) as { csrfToken: string }
  return { username, password, cookie, csrfToken, headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken } }
}

/** A kiosk for a desk, created as staff would; returns its one-time pairing code (valid 15 minutes from `now`). */
export async function makeKiosk(db: Kysely<Database>, deskId: number, now: Date = new Date(), name = 'Máy tính bảng') {
  const { createKiosk } = await import('../../server/kiosks/service.ts')
  return createKiosk(db, { deskId, name, actor: 'test' }, now)
}

/** A kiosk for a desk, paired as the tablet pairs (the real pairing route); its id and device secret. */
export async function makePairedKiosk(
  t: { app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }; db: Kysely<Database>; clock: { now(): Date } },
  deskId: number,
) {
  const created = await makeKiosk(t.db, deskId, t.clock.now())
  const paired = await post(t.app, '/api/v1/kiosk/pair', { code: created.code })
  return { id: created.id, secret: paired.body.secret as string }
}

/** A JSON request's init, with the headers given (a session's, a device's). */
export const jsonRequest = (headers: Record<string, string>, body?: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json', ...headers },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
})

/** An API key for an agency, stored as staff would create it; returns the secret key shown once. */
export async function makeApiKey(db: Kysely<Database>, agencyId: number, at = '2026-05-01T00:00:00.000Z') {
  const { insertApiKey } = await import('../../server/api-keys/repository.ts')
  const { hashToken } = await import('../../server/lib/tokens.ts')
  const key = newToken('hlk', 32)
  const id = await insertApiKey(db, { agencyId, name: 'Phần mềm Một cửa', keyHash: hashToken(key), prefix: key.slice(0, 12), createdBy: null, at })
  return { id, key }
}

/** The Sở Nội vụ, its desk MC-01 and an API key of the agency (created at `keyAt`): where citizen-side tests start. */
export async function makeSnvDesk(db: Kysely<Database>, keyAt?: string) {
  const agency = await makeAgency(db, { code: 'SNV', name: 'Sở Nội vụ' })
  const desk = await makeDesk(db, agency.id, 'MC-01')
  const { key } = await makeApiKey(db, agency.id, keyAt)
  return { agency, desk, key }
}

/** Every text value in every table, for asserting that a secret is stored nowhere in the clear. */
export async function databaseText(db: Kysely<Database>): Promise<string> {
  // On PostgreSQL introspection lists every schema's tables, other test runs' too: keep this database's own.
  const own = isPostgres(db) ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema : undefined
  const tables = (await db.introspection.getTables()).filter((t) => own === undefined || t.schema === own)
  if (tables.length === 0) throw new Error('databaseText found no tables: a check on its text would prove nothing')
  const parts: string[] = []
  for (const t of tables) parts.push(JSON.stringify(await (db as Kysely<any>).selectFrom(t.name).selectAll().execute()))
  return parts.join('\n')
}
