import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { insertAlert } from '../../server/alerts/repository.ts'
import { saveClip } from '../../server/audio-clips/service.ts'
import { createUser } from '../../server/auth/service.ts'
import { SPOKEN_PROMPTS } from '../../server/domain/vocabulary.ts'
import { ensureOfficer } from '../../server/dossiers/repository.ts'
import { createDraft } from '../../server/surveys/admin.ts'
import { readDefinitionDir } from '../../server/surveys/definition-files.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'
import { insertExclusion } from '../../server/moderation/repository.ts'
import { closeQuarter } from '../../server/periods/service.ts'
import { makeAgency, makeApiKey, makeDesk, makeKiosk, post, signIn } from '../helpers/factories.ts'
import { makeWav } from '../helpers/audio.ts'

/**
 * Every staff route × every role × own agency (A) and a foreign one (B). Each route gets a fresh world so
 * that what one role changes cannot decide what the next one sees; resources a change uses up (a kiosk
 * to revoke, an agency to merge) exist once per role.
 */
const ROLES = ['anonymous', 'viewerProvince', 'viewerA', 'managerA', 'admin'] as const
type Role = (typeof ROLES)[number]
type Target = 'own' | 'foreign'
type Expected = '2xx' | 400 | 401 | 403 | 404

interface Side {
  code: string
  id: number
  desk: { id: number; code: string }
  subs: string[]
  kiosks: number[]
  keys: number[]
  users: string[]
  responseId: number
  /** An officer the one-stop software named for this agency. */
  officerId: number
  /** One per role index: plain ratings, pending exclusion proposals (by managerA), held-back ratings. */
  ratings: number[]
  proposals: number[]
  flagged: number[]
  /** One new alert per role index (acknowledging or resolving uses one up). */
  alerts: number[]
}
interface World {
  t: TestApp
  sides: Record<Target, Side>
  sessions: Partial<Record<Role, Awaited<ReturnType<typeof signIn>>>>
  draftId: number
  publishedId: number
}

const PASSWORD = 'mat-khau-rat-dai-123'
const WAV = makeWav()
const LANGUAGE_PACK = JSON.parse(fs.readFileSync(new URL('../fixtures/language-packs/xx.json', import.meta.url), 'utf8'))

/** An account like createUser makes, reusing one password hash: scrypt per account would dominate the run. */
async function makeUser(t: TestApp, username: string, agencyId: number) {
  const model = await t.db.selectFrom('users').selectAll().where('username', '=', 'mau').executeTakeFirst()
  if (!model) await createUser(t.db, { username: 'mau', password: PASSWORD, role: 'viewer', agencyId, actor: 'test' }, t.clock.now())
  const { id: _, ...row } = model ?? (await t.db.selectFrom('users').selectAll().where('username', '=', 'mau').executeTakeFirstOrThrow())
  await t.db
    .insertInto('users')
    .values({ ...row, username, agency_id: agencyId })
    .execute()
  return username
}

async function makeWorld(): Promise<World> {
  const t = await createTestApp({ now: '2026-05-10T03:00:00Z', minSample: 1 })
  const province = await makeAgency(t.db, { code: 'TINH', kind: 'province' })
  const side = async (code: string): Promise<Side> => {
    const agency = await makeAgency(t.db, { code, parentId: province.id })
    const desk = await makeDesk(t.db, agency.id, `${code}-Q1`)
    const subs: string[] = []
    const kiosks: number[] = []
    const keys: number[] = []
    const users: string[] = []
    const alerts: number[] = []
    for (let i = 0; i < ROLES.length; i++) {
      subs.push((await makeAgency(t.db, { code: `${code}-S${i}`, parentId: agency.id })).code)
      kiosks.push((await makeKiosk(t.db, desk.id, t.clock.now())).id)
      keys.push((await makeApiKey(t.db, agency.id)).id)
      users.push(await makeUser(t, `nv-${code.toLowerCase()}-${i}`, agency.id))
      const alert = await insertAlert(t.db, {
        kind: 'unhappy_burst',
        dedup_key: `matrix:${code}:${i}`,
        agency_id: agency.id,
        desk_id: desk.id,
        kiosk_id: null,
        owner_user_id: null,
        facts: JSON.stringify({ unhappy: 3, n: 4, maxRating: 2, windowMinutes: 15 }),
        response_ids: '[]',
        raised_at: t.clock.now().toISOString(),
        acknowledged_at: null,
        resolved_at: null,
        closing_note: null,
      })
      alerts.push(alert!)
    }
    const answer = await post(
      t.app,
      '/api/v1/responses',
      { submissionId: randomUUID(), survey: 'mot-cua@1', answers: { overall: 2, reasons: ['wait'], comment: 'Chờ lâu' } },
      desk.token,
    )
    expect(answer.status).toBe(201)
    const responseId = (await t.db.selectFrom('responses').select('id').where('submission_id', '=', answer.body.submissionId).executeTakeFirstOrThrow()).id
    const officerId = await ensureOfficer(t.db, agency.id, `${code}-CB01`, t.clock.now().toISOString())
    const ratings: number[] = []
    const flagged: number[] = []
    for (let i = 0; i < 5; i++) {
      for (const [list, extra] of [
        [ratings, {}],
        [flagged, { website: 'robot' }],
      ] as const) {
        const r = await post(t.app, '/api/v1/responses', { submissionId: randomUUID(), survey: 'mot-cua@1', answers: { overall: 4 }, ...extra }, desk.token)
        list.push((await t.db.selectFrom('responses').select('id').where('submission_id', '=', r.body.submissionId).executeTakeFirstOrThrow()).id)
      }
    }
    return { code, id: agency.id, desk, subs, kiosks, keys, users, responseId, officerId, ratings, proposals: [] as number[], flagged, alerts }
  }
  const sides = { own: await side('SNV'), foreign: await side('STC') }
  // Spoken prompts are the deployment's (not an agency's): one clip per role index, for that role to replace or delete.
  for (const prompt of SPOKEN_PROMPTS.slice(0, ROLES.length)) await saveClip(t.db, { language: 'vi', prompt, body: WAV }, 'test', t.clock.now())
  const sessions: World['sessions'] = {
    viewerProvince: await signIn(t, 'viewer', null),
    viewerA: await signIn(t, 'viewer', sides.own.id),
    managerA: await signIn(t, 'manager', sides.own.id),
    // Works for the (unranked) province office: an independent approver of either side's exclusions.
    admin: await signIn(t, 'admin', null, province.id),
  }
  const proposer = (await t.db.selectFrom('users').select('id').where('username', '=', sessions.managerA!.username).executeTakeFirstOrThrow()).id
  for (const s of Object.values(sides))
    for (const responseId of s.ratings)
      s.proposals.push(await insertExclusion(t.db, { responseId, reason: 'spam', note: 'Rác', status: 'proposed', proposedBy: proposer, at: t.clock.now().toISOString() }))
  await closeQuarter(
    { db: t.db, catalog: new SurveyCatalog(t.db), timeZone: 'Asia/Ho_Chi_Minh', minSample: 1 },
    { instrument: 'mot-cua', quarter: '2025-Q4', actor: 'test' },
    t.clock.now(),
  )
  const def = structuredClone(readDefinitionDir().find((d) => d.instrument === 'mot-cua')!) as any
  const draftId = (await createDraft(t.db, 'mot-cua', def, null, 'test', t.clock)).id
  const publishedId = (await t.db.selectFrom('survey_versions').select('id').where('instrument', '=', 'sipas-2017').executeTakeFirstOrThrow()).id
  return { t, sides, sessions, draftId, publishedId }
}

type Body = unknown | FormData
interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  /** The route as the server declares it, for the report. */
  route: string
  /** Targeted routes name an agency's data; the others are asked once per role. */
  targeted: boolean
  path: (w: World, s: Side, i: number) => string
  body?: (w: World, s: Side, i: number) => Body
  expect: Record<Exclude<Role, 'anonymous'>, Expected | [own: Expected, foreign: Expected]>
}

const ALL: Route['expect'] = { viewerProvince: '2xx', viewerA: '2xx', managerA: '2xx', admin: '2xx' }
const SCOPED_READ: Route['expect'] = { viewerProvince: '2xx', viewerA: ['2xx', 404], managerA: ['2xx', 404], admin: '2xx' }
const SCOPED_WRITE: Route['expect'] = { viewerProvince: 403, viewerA: 403, managerA: ['2xx', 404], admin: '2xx' }
const EDITORS: Route['expect'] = { viewerProvince: 403, viewerA: 403, managerA: '2xx', admin: '2xx' }
// Per-officer results: admins and the agency's managers only, viewers never (even of their own agency).
const OFFICERS: Route['expect'] = { viewerProvince: 403, viewerA: 403, managerA: ['2xx', 404], admin: '2xx' }
const ADMIN: Route['expect'] = { viewerProvince: 403, viewerA: 403, managerA: 403, admin: '2xx' }

const upload = (name: string, content: string | Buffer, type: string) => {
  const form = new FormData()
  form.append('file', new File([typeof content === 'string' ? content : new Uint8Array(content)], name, { type }))
  return form
}
const csvFile = (name: string, text: string) => upload(name, text, 'text/csv')
const PAPER_HEADER = 'submission_id,survey,agency,desk,channel,submitted_at,overall'

export const ROUTES: Route[] = [
  { method: 'GET', route: '/api/v1/auth/me', targeted: false, path: () => '/api/v1/auth/me', expect: ALL },
  {
    method: 'POST',
    route: '/api/v1/auth/password',
    targeted: false,
    path: () => '/api/v1/auth/password',
    body: () => ({ current: PASSWORD, next: 'mat-khau-moi-rat-dai-456' }),
    expect: ALL,
  },
  { method: 'POST', route: '/api/v1/auth/logout', targeted: false, path: () => '/api/v1/auth/logout', body: () => ({}), expect: ALL },
  { method: 'GET', route: '/api/v1/dashboard/meta', targeted: false, path: () => '/api/v1/dashboard/meta', expect: ALL },
  { method: 'GET', route: '/api/v1/dashboard/trend/:survey', targeted: true, path: (_, s) => `/api/v1/dashboard/trend/mot-cua?agency=${s.code}`, expect: SCOPED_READ },
  {
    method: 'GET',
    route: '/api/v1/dashboard/agencies/:code',
    targeted: true,
    path: (_, s) => `/api/v1/dashboard/agencies/${s.code}?survey=mot-cua&period=2026-Q2`,
    expect: SCOPED_READ,
  },
  {
    method: 'GET',
    route: '/api/v1/dashboard/heatmap',
    targeted: true,
    path: (_, s) => `/api/v1/dashboard/heatmap?survey=mot-cua&period=2026-Q2&agency=${s.code}`,
    expect: SCOPED_READ,
  },
  { method: 'GET', route: '/api/v1/dashboard/comments', targeted: true, path: (_, s) => `/api/v1/dashboard/comments?agency=${s.code}`, expect: SCOPED_READ },
  { method: 'GET', route: '/api/v1/dashboard/comments/export.csv', targeted: true, path: (_, s) => `/api/v1/dashboard/comments/export.csv?agency=${s.code}`, expect: SCOPED_READ },
  {
    method: 'GET',
    route: '/api/v1/dashboard/comments/export.xlsx',
    targeted: true,
    path: (_, s) => `/api/v1/dashboard/comments/export.xlsx?agency=${s.code}`,
    expect: SCOPED_READ,
  },
  {
    method: 'POST',
    route: '/api/v1/dashboard/responses/:id/comment/reveal',
    targeted: true,
    path: (_, s) => `/api/v1/dashboard/responses/${s.responseId}/comment/reveal`,
    body: () => ({}),
    expect: ADMIN,
  },
  { method: 'GET', route: '/api/v1/admin/privacy/settings', targeted: false, path: () => '/api/v1/admin/privacy/settings', expect: ADMIN },
  {
    method: 'PATCH',
    route: '/api/v1/admin/privacy/settings',
    targeted: false,
    path: () => '/api/v1/admin/privacy/settings',
    body: () => ({ contact: 'Văn phòng Sở Nội vụ' }),
    expect: ADMIN,
  },
  { method: 'POST', route: '/api/v1/admin/privacy/retention/run', targeted: false, path: () => '/api/v1/admin/privacy/retention/run', body: () => ({}), expect: ADMIN },
  {
    method: 'POST',
    route: '/api/v1/admin/privacy/dossiers/lookup',
    targeted: false,
    path: () => '/api/v1/admin/privacy/dossiers/lookup',
    body: () => ({ dossier: 'H40.175.01-260510-AB0001' }),
    expect: ADMIN,
  },
  {
    method: 'POST',
    route: '/api/v1/admin/privacy/dossiers/erase',
    targeted: false,
    path: () => '/api/v1/admin/privacy/dossiers/erase',
    body: () => ({ dossier: 'H40.175.01-260510-AB0001', reason: 'Đơn yêu cầu' }),
    expect: ADMIN,
  },
  { method: 'GET', route: '/api/v1/moderation/queue', targeted: false, path: () => '/api/v1/moderation/queue', expect: EDITORS },
  {
    method: 'POST',
    route: '/api/v1/moderation/responses/:id/text',
    targeted: true,
    path: (_, s) => `/api/v1/moderation/responses/${s.responseId}/text`,
    body: () => ({ hidden: true, reason: 'Dữ liệu cá nhân' }),
    expect: SCOPED_WRITE,
  },
  {
    method: 'POST',
    route: '/api/v1/moderation/exclusions',
    targeted: true,
    path: () => '/api/v1/moderation/exclusions',
    body: (_, s, i) => ({ responseId: s.flagged[i], reason: 'spam', note: 'Phiếu rác' }),
    expect: SCOPED_WRITE,
  },
  {
    method: 'POST',
    route: '/api/v1/moderation/exclusions/:id/approve',
    targeted: true,
    path: (_, s, i) => `/api/v1/moderation/exclusions/${s.proposals[i]}/approve`,
    body: () => ({}),
    expect: ADMIN,
  },
  {
    method: 'POST',
    route: '/api/v1/moderation/exclusions/:id/reject',
    targeted: true,
    path: (_, s, i) => `/api/v1/moderation/exclusions/${s.proposals[i]}/reject`,
    body: () => ({ note: 'Phiếu hợp lệ' }),
    expect: ADMIN,
  },
  // Only the proposer (managerA here) may withdraw: an admin is refused too.
  {
    method: 'POST',
    route: '/api/v1/moderation/exclusions/:id/withdraw',
    targeted: true,
    path: (_, s, i) => `/api/v1/moderation/exclusions/${s.proposals[i]}/withdraw`,
    body: () => ({}),
    expect: { viewerProvince: 403, viewerA: 403, managerA: ['2xx', 404], admin: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/moderation/flagged/:id',
    targeted: true,
    path: (_, s, i) => `/api/v1/moderation/flagged/${s.flagged[i]}`,
    body: () => ({ decision: 'count', note: 'Người dân thật' }),
    expect: ADMIN,
  },
  { method: 'GET', route: '/api/v1/periods/:survey/:quarter', targeted: false, path: () => '/api/v1/periods/mot-cua/2025-Q4', expect: ALL },
  { method: 'POST', route: '/api/v1/periods/:survey/:quarter/close', targeted: false, path: () => '/api/v1/periods/mot-cua/2026-Q1/close', body: () => ({}), expect: ADMIN },
  {
    method: 'POST',
    route: '/api/v1/periods/:survey/:quarter/reopen',
    targeted: false,
    path: () => '/api/v1/periods/mot-cua/2025-Q4/reopen',
    body: () => ({ reason: 'Sửa sai sót' }),
    expect: ADMIN,
  },
  { method: 'POST', route: '/api/v1/periods/:survey/:quarter/publish', targeted: false, path: () => '/api/v1/periods/mot-cua/2025-Q4/publish', body: () => ({}), expect: ADMIN },
  { method: 'GET', route: '/api/v1/reports/:survey/:period', targeted: false, path: () => '/api/v1/reports/mot-cua/2026-Q2', expect: ALL },
  { method: 'GET', route: '/api/v1/reports/:survey/:period/export.csv', targeted: false, path: () => '/api/v1/reports/mot-cua/2026-Q2/export.csv', expect: ALL },
  { method: 'GET', route: '/api/v1/reports/:survey/:period/export.xlsx', targeted: false, path: () => '/api/v1/reports/mot-cua/2026-Q2/export.xlsx', expect: ALL },
  { method: 'GET', route: '/api/v1/api-keys', targeted: false, path: () => '/api/v1/api-keys', expect: EDITORS },
  // Creating something for a foreign agency is 400 "no such agency within your scope", exactly as for a code that
  // does not exist: a manager learns no other agency's codes (see api-keys.test.ts).
  {
    method: 'POST',
    route: '/api/v1/api-keys',
    targeted: true,
    path: () => '/api/v1/api-keys',
    body: (_, s) => ({ agency: s.code, name: 'Phần mềm Một cửa' }),
    expect: { ...SCOPED_WRITE, managerA: ['2xx', 400] },
  },
  { method: 'POST', route: '/api/v1/api-keys/:id/revoke', targeted: true, path: (_, s, i) => `/api/v1/api-keys/${s.keys[i]}/revoke`, body: () => ({}), expect: SCOPED_WRITE },
  { method: 'GET', route: '/api/v1/desks/:id/poster', targeted: true, path: (_, s) => `/api/v1/desks/${s.desk.id}/poster`, expect: SCOPED_READ },
  { method: 'GET', route: '/api/v1/kiosks', targeted: false, path: () => '/api/v1/kiosks', expect: ALL },
  { method: 'GET', route: '/api/v1/admin/imports/responses/template', targeted: false, path: () => '/api/v1/admin/imports/responses/template?survey=mot-cua@1', expect: EDITORS },
  {
    method: 'GET',
    route: '/api/v1/admin/imports/responses/template.csv',
    targeted: false,
    path: () => '/api/v1/admin/imports/responses/template.csv?survey=mot-cua@1',
    expect: EDITORS,
  },
  { method: 'GET', route: '/api/v1/kiosks/settings', targeted: false, path: () => '/api/v1/kiosks/settings', expect: ALL },
  {
    method: 'PUT',
    route: '/api/v1/kiosks/settings',
    targeted: false,
    path: () => '/api/v1/kiosks/settings',
    body: () => ({ resetDelayMs: 5000, idleTimeoutMs: 30_000, repeatIntervalMs: 5000 }),
    expect: ADMIN,
  },
  { method: 'POST', route: '/api/v1/kiosks', targeted: true, path: () => '/api/v1/kiosks', body: (_, s) => ({ deskId: s.desk.id, name: 'Máy mới' }), expect: SCOPED_WRITE },
  { method: 'PATCH', route: '/api/v1/kiosks/:id', targeted: true, path: (_, s, i) => `/api/v1/kiosks/${s.kiosks[i]}`, body: () => ({ name: 'Đổi tên' }), expect: SCOPED_WRITE },
  { method: 'POST', route: '/api/v1/kiosks/:id/pairing', targeted: true, path: (_, s, i) => `/api/v1/kiosks/${s.kiosks[i]}/pairing`, body: () => ({}), expect: SCOPED_WRITE },
  { method: 'POST', route: '/api/v1/kiosks/:id/revoke', targeted: true, path: (_, s, i) => `/api/v1/kiosks/${s.kiosks[i]}/revoke`, body: () => ({}), expect: SCOPED_WRITE },
  { method: 'GET', route: '/api/v1/admin/agencies', targeted: false, path: () => '/api/v1/admin/agencies', expect: ALL },
  { method: 'GET', route: '/api/v1/admin/agencies/export.csv', targeted: false, path: () => '/api/v1/admin/agencies/export.csv', expect: ADMIN },
  {
    method: 'POST',
    route: '/api/v1/admin/agencies/import',
    targeted: false,
    path: () => '/api/v1/admin/agencies/import',
    body: (_, __, i) => csvFile('co-quan.csv', `code,name,parent,kind\nMOI-${i},Cơ quan mới,TINH,department\n`),
    expect: ADMIN,
  },
  {
    method: 'POST',
    route: '/api/v1/admin/agencies',
    targeted: true,
    path: () => '/api/v1/admin/agencies',
    body: (_, s, i) => ({ code: `${s.code}-N${i}`, name: 'Phòng mới', parent: s.code, kind: 'other' }),
    expect: ADMIN,
  },
  {
    method: 'PATCH',
    route: '/api/v1/admin/agencies/:code',
    targeted: true,
    path: (_, s, i) => `/api/v1/admin/agencies/${s.subs[i]}`,
    body: (_, s) => ({ name: 'Tên mới', parent: s.code, kind: 'other' }),
    expect: ADMIN,
  },
  {
    method: 'POST',
    route: '/api/v1/admin/agencies/:code/active',
    targeted: true,
    path: (_, s, i) => `/api/v1/admin/agencies/${s.subs[i]}/active`,
    body: () => ({ active: false }),
    expect: ADMIN,
  },
  {
    method: 'POST',
    route: '/api/v1/admin/agencies/:code/merge',
    targeted: true,
    path: (_, s, i) => `/api/v1/admin/agencies/${s.subs[i]}/merge`,
    body: (_, s) => ({ into: s.code }),
    expect: ADMIN,
  },
  {
    method: 'POST',
    route: '/api/v1/admin/desks',
    targeted: true,
    path: () => '/api/v1/admin/desks',
    body: (_, s, i) => ({ agency: s.code, code: `MOI-${i}`, name: 'Quầy mới' }),
    expect: SCOPED_WRITE,
  },
  {
    method: 'PATCH',
    route: '/api/v1/admin/desks/:id',
    targeted: true,
    path: (_, s) => `/api/v1/admin/desks/${s.desk.id}`,
    body: () => ({ name: 'Quầy đổi tên' }),
    expect: SCOPED_WRITE,
  },
  {
    method: 'PUT',
    route: '/api/v1/admin/desks/:id/surveys',
    targeted: true,
    path: (_, s) => `/api/v1/admin/desks/${s.desk.id}/surveys`,
    body: () => ({ kiosk: 'mot-cua@1' }),
    expect: SCOPED_WRITE,
  },
  { method: 'GET', route: '/api/v1/admin/users', targeted: false, path: () => '/api/v1/admin/users', expect: EDITORS },
  {
    method: 'POST',
    route: '/api/v1/admin/users',
    targeted: true,
    path: () => '/api/v1/admin/users',
    body: (_, s, i) => ({ username: `moi-${s.code.toLowerCase()}-${i}`, password: PASSWORD, role: 'viewer', agency: s.code }),
    expect: { ...SCOPED_WRITE, managerA: ['2xx', 400] },
  },
  {
    method: 'PATCH',
    route: '/api/v1/admin/users/:username',
    targeted: true,
    path: (_, s, i) => `/api/v1/admin/users/${s.users[i]}`,
    body: () => ({ active: false }),
    expect: SCOPED_WRITE,
  },
  { method: 'GET', route: '/api/v1/admin/audit', targeted: false, path: () => '/api/v1/admin/audit', expect: ADMIN },
  { method: 'GET', route: '/api/v1/admin/surveys', targeted: false, path: () => '/api/v1/admin/surveys', expect: ADMIN },
  { method: 'GET', route: '/api/v1/admin/surveys/:id', targeted: false, path: (w) => `/api/v1/admin/surveys/${w.draftId}`, expect: ADMIN },
  {
    method: 'POST',
    route: '/api/v1/admin/surveys',
    targeted: false,
    path: () => '/api/v1/admin/surveys',
    body: () => ({ instrument: 'mot-cua', definition: structuredClone(readDefinitionDir().find((d) => d.instrument === 'mot-cua')!) }),
    expect: ADMIN,
  },
  {
    method: 'PUT',
    route: '/api/v1/admin/surveys/:id',
    targeted: false,
    path: (w) => `/api/v1/admin/surveys/${w.draftId}`,
    body: () => ({ definition: structuredClone(readDefinitionDir().find((d) => d.instrument === 'mot-cua')!) }),
    expect: ADMIN,
  },
  { method: 'POST', route: '/api/v1/admin/surveys/:id/publish', targeted: false, path: (w) => `/api/v1/admin/surveys/${w.draftId}/publish`, body: () => ({}), expect: ADMIN },
  { method: 'POST', route: '/api/v1/admin/surveys/:id/retire', targeted: false, path: (w) => `/api/v1/admin/surveys/${w.publishedId}/retire`, body: () => ({}), expect: ADMIN },
  { method: 'GET', route: '/api/v1/officers', targeted: true, path: (_, s) => `/api/v1/officers?period=2026-Q2&agency=${s.code}`, expect: OFFICERS },
  {
    method: 'GET',
    route: '/api/v1/officers/one-stop-report',
    targeted: true,
    path: (_, s) => `/api/v1/officers/one-stop-report?period=2026-Q2&agency=${s.code}`,
    expect: OFFICERS,
  },
  {
    method: 'GET',
    route: '/api/v1/officers/one-stop-report/export.xlsx',
    targeted: true,
    path: (_, s) => `/api/v1/officers/one-stop-report/export.xlsx?period=2026-Q2&agency=${s.code}`,
    expect: OFFICERS,
  },
  {
    method: 'PATCH',
    route: '/api/v1/officers/:id',
    targeted: true,
    path: (_, s) => `/api/v1/officers/${s.officerId}`,
    body: () => ({ displayName: 'Nguyễn Thị Uyên' }),
    expect: OFFICERS,
  },
  // A manager's file naming a foreign agency is refused row by row (400), never imported.
  {
    method: 'POST',
    route: '/api/v1/admin/imports/responses',
    targeted: true,
    path: () => '/api/v1/admin/imports/responses?dryRun=1',
    body: (_, s) => csvFile('giay.csv', `${PAPER_HEADER}\n${randomUUID()},mot-cua@1,${s.code},,paper,2026-05-02T03:00:00Z,4\n`),
    expect: { ...SCOPED_WRITE, managerA: ['2xx', 400] },
  },
  { method: 'GET', route: '/api/v1/alerts', targeted: true, path: (_, s) => `/api/v1/alerts?state=all&agency=${s.code}`, expect: SCOPED_READ },
  { method: 'GET', route: '/api/v1/alerts/rules', targeted: true, path: (_, s) => `/api/v1/alerts/rules?agency=${s.code}`, expect: SCOPED_READ },
  {
    method: 'PUT',
    route: '/api/v1/alerts/rules',
    targeted: true,
    path: () => '/api/v1/alerts/rules',
    body: (_, s) => ({ kind: 'unhappy_burst', agency: s.code, params: { minCount: 6 } }),
    expect: SCOPED_WRITE,
  },
  { method: 'GET', route: '/api/v1/alerts/:id', targeted: true, path: (_, s) => `/api/v1/alerts/${s.alerts[0]}`, expect: SCOPED_READ },
  {
    method: 'POST',
    route: '/api/v1/alerts/:id/acknowledge',
    targeted: true,
    path: (_, s, i) => `/api/v1/alerts/${s.alerts[i]}/acknowledge`,
    body: () => ({}),
    expect: SCOPED_WRITE,
  },
  {
    method: 'POST',
    route: '/api/v1/alerts/:id/comments',
    targeted: true,
    path: (_, s, i) => `/api/v1/alerts/${s.alerts[i]}/comments`,
    body: () => ({ body: 'Đã gọi cho trưởng bộ phận Một cửa' }),
    expect: SCOPED_WRITE,
  },
  {
    method: 'POST',
    route: '/api/v1/alerts/:id/resolve',
    targeted: true,
    path: (_, s, i) => `/api/v1/alerts/${s.alerts[i]}/resolve`,
    body: () => ({ note: 'Đã bố trí thêm cán bộ' }),
    expect: SCOPED_WRITE,
  },
  { method: 'GET', route: '/api/v1/live', targeted: true, path: (_, s) => `/api/v1/live?agency=${s.code}`, expect: SCOPED_READ },
  // An event stream: the test reads its status and closes it (request() below).
  { method: 'GET', route: '/api/v1/live/stream', targeted: false, path: () => '/api/v1/live/stream', expect: ALL },
  { method: 'GET', route: '/api/v1/admin/languages', targeted: false, path: () => '/api/v1/admin/languages', expect: ADMIN },
  { method: 'PUT', route: '/api/v1/admin/languages', targeted: false, path: () => '/api/v1/admin/languages', body: () => LANGUAGE_PACK, expect: ADMIN },
  {
    method: 'PUT',
    route: '/api/v1/admin/languages/desks/:id',
    targeted: true,
    path: (_, s) => `/api/v1/admin/languages/desks/${s.desk.id}`,
    body: () => ({ language: null }),
    expect: ADMIN,
  },
  { method: 'GET', route: '/api/v1/admin/audio-clips', targeted: false, path: () => '/api/v1/admin/audio-clips', expect: ADMIN },
  {
    method: 'PUT',
    route: '/api/v1/admin/audio-clips/:language/:prompt',
    targeted: false,
    path: (_, __, i) => `/api/v1/admin/audio-clips/vi/${SPOKEN_PROMPTS[i]}`,
    body: () => upload('loi-doc.wav', WAV, 'audio/wav'),
    expect: ADMIN,
  },
  {
    method: 'DELETE',
    route: '/api/v1/admin/audio-clips/:language/:prompt',
    targeted: false,
    path: (_, __, i) => `/api/v1/admin/audio-clips/vi/${SPOKEN_PROMPTS[i]}`,
    expect: ADMIN,
  },
]

/**
 * The routes that take no staff session, and what they take instead (each has its own tests): the matrix's
 * completeness check below holds every other route of the app to a row in ROUTES.
 */
const NOT_STAFF: Record<string, string> = {
  'GET /healthz': 'nothing: the load balancer asks it',
  'POST /api/v1/auth/login': 'nothing: it is how staff sign in (throttled, auth.test.ts)',
  'POST /api/v1/responses': 'a desk link, kiosk or receipt credential (intake.test.ts)',
  'POST /api/v1/responses/batch': 'the same credentials (a kiosk sends its offline queue so, kiosks.test.ts)',
  'GET /api/v1/surveys': 'nothing: published definitions are public',
  'GET /api/v1/surveys/:key': 'nothing: published definitions are public',
  'GET /api/v1/links/:token': 'a desk link token (desk-links.test.ts)',
  'POST /api/v1/invitations': 'an API key (invitations.test.ts)',
  'POST /api/v1/invitations/batch': 'an API key (invitations.test.ts)',
  'POST /api/v1/dossiers/events': 'an API key (dossiers.test.ts)',
  'GET /api/v1/openapi.json': 'nothing: the description of the API-key routes',
  'POST /api/v1/kiosk/pair': 'a one-time pairing code (kiosks.test.ts)',
  'GET /api/v1/kiosk/config': 'a paired kiosk credential (kiosks.test.ts)',
  'GET /api/v1/kiosk/clips': 'a paired kiosk credential (audio-clips.test.ts)',
  'POST /api/v1/kiosk/heartbeat': 'a paired kiosk credential (kiosks.test.ts)',
  'GET /api/v1/public/reports': 'nothing: published quarters are public',
  'GET /api/v1/public/reports/:survey/:quarter': 'nothing: published quarters are public',
  'GET /api/v1/audio/:hash': 'nothing: a clip by its content hash, for the kiosk (audio-clips.test.ts)',
}

async function request(w: World, route: Route, role: Role, side: Side, i: number, headers: Record<string, string> = w.sessions[role]?.headers ?? {}) {
  const body = route.body?.(w, side, i)
  const isForm = body instanceof FormData
  const res = await w.t.app.request(route.path(w, side, i), {
    method: route.method,
    headers: { ...(body !== undefined && !isForm ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  })
  // An event stream answers at once and never ends: its status is all the matrix needs.
  if (res.headers.get('Content-Type')?.startsWith('text/event-stream')) await res.body?.cancel()
  return res
}

const classOf = (status: number): Expected => (status >= 200 && status < 300 ? '2xx' : (status as Expected))

// Reads change nothing, so they share one world; every state-changing route gets its own.
let world: World | null = null
let shared: World | null = null
afterEach(async () => {
  await world?.t.close()
  world = null
})
afterAll(async () => {
  await shared?.t.close()
})

describe('authorization matrix: every staff route × role × own and foreign agency', () => {
  it.each(ROUTES.map((r) => [`${r.method} ${r.route}`, r] as const))('%s', async (_, route) => {
    const w = route.method === 'GET' ? (shared ??= await makeWorld()) : (world = await makeWorld())
    const targets: Target[] = route.targeted ? ['foreign', 'own'] : ['own']
    const seen: string[] = []
    const wanted: string[] = []
    // State-changing routes refuse a signed-in admin without the session's CSRF token, or with another one.
    if (route.method !== 'GET') {
      const admin = w.sessions.admin!
      for (const headers of [{ Cookie: admin.cookie }, { Cookie: admin.cookie, 'X-CSRF-Token': w.sessions.viewerA!.csrfToken }] as Array<Record<string, string>>) {
        const res = await request(w, route, 'admin', w.sides.own, 4, headers)
        expect(res.status, `${route.method} ${route.route} without its CSRF token`).toBe(403)
        expect(((await res.json()) as any).error.code).toBe('csrf_failed')
      }
    }
    for (const [i, role] of ROLES.entries()) {
      for (const target of targets) {
        const res = await request(w, route, role, w.sides[target], i)
        const want = role === 'anonymous' ? 401 : ((e) => (Array.isArray(e) ? e[target === 'own' ? 0 : 1] : e))(route.expect[role])
        seen.push(`${role}/${target}: ${classOf(res.status)}${res.status >= 300 ? ` ${(await res.text()).slice(0, 160)}` : ''}`)
        wanted.push(`${role}/${target}: ${want}`)
      }
    }
    // One comparison for the whole row, so a failure shows every cell that differs.
    expect(seen.map((s) => s.replace(/ \{.*$/, ''))).toEqual(wanted)
  })
})

describe('the matrix is complete', () => {
  // Read from the mounted app itself, not from a list of route files: a file missing from such a list (as
  // admin-languages.ts, audio-clips.ts, alerts.ts and live.ts once were) hid its routes from the check.
  it('names every route of the app, or says why it takes no staff session', async () => {
    const t = await createTestApp()
    try {
      const declared = new Set<string>()
      for (const r of t.app.routes) {
        if (r.method === 'ALL') continue // middleware (`.use`), not a route
        // `:id{[0-9]+}` → `:id`: the pattern (which may itself hold braces) is not part of the route's name.
        declared.add(`${r.method} ${r.path.replace(/\{(?:[^{}]|\{[^{}]*\})*\}/g, '')}`)
      }
      const notStaff = Object.keys(NOT_STAFF)
      expect(
        notStaff.filter((r) => !declared.has(r)),
        'NOT_STAFF names routes the app does not have',
      ).toEqual([])
      const staffRoutes = [...declared].filter((r) => !(r in NOT_STAFF)).sort()
      expect(staffRoutes.length).toBeGreaterThan(80)
      expect(ROUTES.map((r) => `${r.method} ${r.route}`).sort()).toEqual(staffRoutes)
    } finally {
      await t.close()
    }
  })
})
