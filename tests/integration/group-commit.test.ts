import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GroupCommitter } from '../../server/responses/group-commit.ts'
import { countResponses } from '../../server/responses/repository.ts'
import { prepareResponse } from '../../server/responses/service.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { makeAgency, makeDesk, post, submission } from '../helpers/factories.ts'

import { onPostgres } from '../helpers/test-database.ts'

let t: TestApp
let desk: { id: number; token: string }
let agencyId: number

// In the server's own thread (in-memory SQLite, PostgreSQL), and on a SQLite file with the writer thread
// the server uses there: the same outcomes either way.
describe.each(onPostgres ? [false] : [false, true])('intake under concurrency (group commit), writer thread: %s', (intakeWriter) => {
  beforeEach(async () => {
    t = await createTestApp({ intakeWriter })
    agencyId = (await makeAgency(t.db)).id
    desk = await makeDesk(t.db, agencyId)
  })
  afterEach(() => t.close())

  it('stores 100 concurrent submissions once each, all acknowledged', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => post(t.app, '/api/v1/responses', submission({ overall: (i % 5) + 1 }), desk.token)))
    expect(results.map((r) => r.status)).toEqual(Array(100).fill(201))
    expect(await countResponses(t.db)).toBe(100)
    // Past the per-address limit of a desk link the rest are stored but held back as suspect.
    const counted = (await t.db.selectFrom('rollups').select('count').where('question_id', '=', '*').executeTakeFirstOrThrow()).count
    const flagged = (await t.db.selectFrom('responses').select('id').where('is_flagged', '=', 1).execute()).length
    expect(counted + flagged).toBe(100)
  })

  it('100 concurrent copies of one submission id: one 201, the rest 200, one row', async () => {
    const body = submission({ overall: 4 })
    const results = await Promise.all(Array.from({ length: 100 }, () => post(t.app, '/api/v1/responses', body, desk.token)))
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    expect(results.filter((r) => r.status === 200)).toHaveLength(99)
    expect(await countResponses(t.db)).toBe(1)
  })

  it('one refused response in a group does not take the others down', async () => {
    const catalog = new SurveyCatalog(t.db)
    const version = (await catalog.byKey('mot-cua@1'))!
    const { id: invitationId } = await t.db
      .insertInto('invitations')
      .values({
        token_hash: 'x'.repeat(64),
        agency_id: agencyId,
        survey_version_id: version.id,
        created_at: '2026-05-01T00:00:00Z',
        expires_at: '2026-06-01T00:00:00Z',
        used_at: '2026-05-02T00:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const committer = new GroupCommitter(t.db, t.clock, 'Asia/Ho_Chi_Minh', undefined, t.intakeWriter)
    const prepare = (extra: object) =>
      prepareResponse(
        catalog,
        t.clock.now(),
        { kind: 'desk-link', agencyId, deskId: desk.id, channel: 'qr', trustsClientTime: false, ...extra },
        { ...submission({ overall: 5 }), answers: { overall: 5 } },
      )
    const used = await prepare({ kind: 'invitation', invitationId })
    const others = await Promise.all(Array.from({ length: 5 }, () => prepare({})))
    const settled = await Promise.all([committer.store([others[0]!]), committer.store([used]), ...others.slice(1).map((o) => committer.store([o]))])
    expect(settled.map(([o]) => o!.status)).toEqual(['created', 'failed', 'created', 'created', 'created', 'created'])
    expect((settled[1]![0] as { error: { code: string } }).error.code).toBe('receipt_used')
    expect(await countResponses(t.db)).toBe(5)
  })

  it('a poisoned group loses no genuine response: constraint violations and bugs fail alone, every round', async () => {
    const catalog = new SurveyCatalog(t.db)
    const committer = new GroupCommitter(t.db, t.clock, 'Asia/Ho_Chi_Minh', undefined, t.intakeWriter)
    const genuine = (overall: number) =>
      prepareResponse(
        catalog,
        t.clock.now(),
        { kind: 'kiosk', agencyId, deskId: desk.id, channel: 'kiosk', trustsClientTime: true },
        { ...submission({ overall }), answers: { overall } },
      )
    const stored: string[] = []
    const poisonedIds: string[] = []
    for (let round = 0; round < 5; round++) {
      const good = await Promise.all(Array.from({ length: 40 }, (_, i) => genuine(4 + (i % 2))))
      const poison = await Promise.all(Array.from({ length: 8 }, () => genuine(5)))
      // A foreign key that points nowhere (a constraint), a desk id that breaks the same way, and an answer
      // set the storage code cannot walk (a bug: a TypeError deep inside the transaction).
      poison.forEach((p, i) => {
        if (i % 3 === 0) p.agencyId = 999_999
        else if (i % 3 === 1) p.deskId = 888_888
        else (p as { answers: unknown }).answers = null
        poisonedIds.push(p.submissionId)
      })
      // Interleaved, all queued in the same turn: they share groups.
      const sends = good.flatMap((g, i) => (i % 5 === 0 ? [committer.store([g]), committer.store([poison[i / 5]!])] : [committer.store([g])]))
      const outcomes = (await Promise.all(sends)).flat()
      for (const o of outcomes) {
        if (poisonedIds.includes(o.submissionId)) expect(o.status).toBe('failed')
        else {
          expect(o.status).toBe('created')
          stored.push(o.submissionId)
        }
      }
    }
    expect(stored).toHaveLength(200)
    const rows = await t.db.selectFrom('responses').select('submission_id').execute()
    expect(rows.map((r) => r.submission_id).sort()).toEqual([...stored].sort())
    // The counters agree with what was stored: nothing of a failed response leaked into them.
    const counted = await t.db.selectFrom('rollups').select('count').where('question_id', '=', '*').execute()
    expect(counted.reduce((n, r) => n + Number(r.count), 0)).toBe(200)
  })
})
