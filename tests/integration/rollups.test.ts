import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ratingMinutesFromResponses } from '../../server/alerts/repository.ts'
import { RATING_MINUTES_KEPT_MS } from '../../server/domain/alert-rules.ts'
import { setResponseFlags } from '../../server/responses/moderation.ts'
import { rebuildRollups } from '../../server/rollups/rebuild.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'
import type { TestApp } from '../helpers/test-app.ts'
import { createTestApp } from '../helpers/test-app.ts'
import { makeAgency, makeDesk, post, signIn } from '../helpers/factories.ts'

/** The desk-level cells, the agency-level ones (always their sum over desks and channels) and the deployment-wide ones (the sum over agencies). */
async function snapshot(t: TestApp) {
  const rows = await t.db.selectFrom('rollups').selectAll().where('count', '!=', 0).execute()
  const agency = await t.db.selectFrom('agency_rollups').selectAll().where('count', '!=', 0).execute()
  const summed = new Map<string, number>()
  for (const r of rows) {
    const key = JSON.stringify([r.quarter, r.survey_version_id, r.agency_id, r.question_id, r.value])
    summed.set(key, (summed.get(key) ?? 0) + Number(r.count))
  }
  const stored = new Map(agency.map((r) => [JSON.stringify([r.quarter, r.survey_version_id, r.agency_id, r.question_id, r.value]), Number(r.count)]))
  expect(stored).toEqual(new Map([...summed].filter(([, n]) => n !== 0)))
  const total = await t.db.selectFrom('total_rollups').selectAll().where('count', '!=', 0).execute()
  const overAgencies = new Map<string, number>()
  for (const r of agency) {
    const key = JSON.stringify([r.quarter, r.survey_version_id, r.question_id, r.value])
    overAgencies.set(key, (overAgencies.get(key) ?? 0) + Number(r.count))
  }
  expect(new Map(total.map((r) => [JSON.stringify([r.quarter, r.survey_version_id, r.question_id, r.value]), Number(r.count)]))).toEqual(
    new Map([...overAgencies].filter(([, n]) => n !== 0)),
  )
  return rows.map((r) => JSON.stringify(r)).sort()
}

/** The burst rule's minutes (rating_minutes) from `since` on, and the same counted afresh from the responses. */
async function ratingMinutes(t: TestApp, since: string) {
  const key = (r: { desk_id: number; agency_id: number; minute: string; value: number; count: number }) =>
    JSON.stringify([Number(r.desk_id), Number(r.agency_id), r.minute, Number(r.value), Number(r.count)])
  const kept = await t.db.selectFrom('rating_minutes').selectAll().where('count', '!=', 0).where('minute', '>=', since.slice(0, 16)).execute()
  return { kept: kept.map(key).sort(), counted: (await ratingMinutesFromResponses(t.db, since).execute()).map(key).sort() }
}

const motCua = fc
  .record(
    {
      overall: fc.integer({ min: 1, max: 5 }),
      staff: fc.integer({ min: 1, max: 5 }),
      reasons: fc.subarray(['wait', 'complex', 'attitude', 'other'], { minLength: 1 }),
      comment: fc.constantFrom('Tốt', 'Chờ lâu'),
    },
    { requiredKeys: ['overall'] },
  )
  .map((a) => (a.overall > 3 ? { ...a, reasons: undefined } : a))

type Op =
  | { kind: 'submit'; answers: Record<string, unknown>; desk: number; at: number }
  | { kind: 'resubmit'; pick: number }
  | { kind: 'flag'; pick: number; spam: boolean; flagged: boolean; test: boolean }

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('submit' as const), answers: motCua, desk: fc.integer({ min: 0, max: 2 }), at: fc.integer({ min: 0, max: 400 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('resubmit' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('flag' as const), pick: fc.nat(), spam: fc.boolean(), flagged: fc.boolean(), test: fc.boolean() }) },
)

describe('rollups', () => {
  it('incremental counts always equal a rebuild from the raw responses (inserts, duplicates, flags)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
        const t = await createTestApp()
        try {
          const agency = await makeAgency(t.db)
          const desks = [await makeDesk(t.db, agency.id), await makeDesk(t.db, agency.id), await makeDesk(t.db, (await makeAgency(t.db)).id)]
          const sent: Array<{ body: unknown; token: string }> = []
          let seq = 0
          for (const o of ops) {
            if (o.kind === 'submit') {
              // Spread over several quarters, across the UTC+7 quarter boundary.
              t.clock.set(new Date(Date.parse('2026-03-30T00:00:00Z') + o.at * 3 * 3600_000))
              const body = { submissionId: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`, survey: 'mot-cua@1', answers: JSON.parse(JSON.stringify(o.answers)) }
              const res = await post(t.app, '/api/v1/responses', body, desks[o.desk]!.token)
              expect(res.status).toBe(201)
              sent.push({ body, token: desks[o.desk]!.token })
            } else if (o.kind === 'resubmit' && sent.length) {
              const s = sent[o.pick % sent.length]!
              expect((await post(t.app, '/api/v1/responses', s.body, s.token)).status).toBe(200)
            } else if (o.kind === 'flag' && sent.length) {
              const ids = await t.db.selectFrom('responses').select('id').orderBy('id').execute()
              const target = ids[o.pick % ids.length]!.id
              await t.db.transaction().execute((trx) => setResponseFlags(trx, new SurveyCatalog(t.db), target, o))
            }
          }
          const incremental = await snapshot(t)
          const minutes = await ratingMinutes(t, '')
          expect(minutes.kept).toEqual(minutes.counted)
          await rebuildRollups(t.db, new SurveyCatalog(t.db), 'Asia/Ho_Chi_Minh')
          expect(incremental).toEqual(await snapshot(t))
          // The rebuild counts the burst rule's minutes afresh over the day before the newest rating.
          const newest = await t.db
            .selectFrom('responses')
            .select((eb) => eb.fn.max('submitted_at').as('at'))
            .executeTakeFirstOrThrow()
          const since = newest.at ? new Date(Date.parse(String(newest.at)) - RATING_MINUTES_KEPT_MS).toISOString() : ''
          const rebuilt = await ratingMinutes(t, since)
          expect(rebuilt.kept).toEqual(rebuilt.counted)
          expect(rebuilt.kept).toEqual(minutes.kept.filter((k) => rebuilt.counted.includes(k)))
        } finally {
          await t.close()
        }
      }),
      { numRuns: 60 },
    )
  })

  it('flagging a response as spam takes it out of the report at once, and unflagging puts it back', async () => {
    const t = await createTestApp({ now: '2026-02-10T03:00:00Z', minSample: 1 })
    const agency = await makeAgency(t.db, { code: 'SNV' })
    const desk = await makeDesk(t.db, agency.id)
    for (const overall of [5, 1]) await post(t.app, '/api/v1/responses', { submissionId: crypto.randomUUID(), survey: 'mot-cua@1', answers: { overall } }, desk.token)
    const { headers } = await signIn(t)
    const report = async () => (await (await t.app.request('/api/v1/reports/mot-cua/2026-Q1', { headers })).json()) as any
    expect((await report()).overall).toMatchObject({ n: 2, index: 50 })
    const low = await t.db.selectFrom('answers').select('response_id').where('question_id', '=', 'overall').where('value_num', '=', 1).executeTakeFirstOrThrow()
    await t.db.transaction().execute((trx) => setResponseFlags(trx, new SurveyCatalog(t.db), low.response_id, { spam: true }))
    expect((await report()).overall).toMatchObject({ n: 1, index: 100 })
    await t.db.transaction().execute((trx) => setResponseFlags(trx, new SurveyCatalog(t.db), low.response_id, { spam: false }))
    expect((await report()).overall).toMatchObject({ n: 2, index: 50 })
    expect(await t.db.selectFrom('responses').select('id').execute()).toHaveLength(2)
    await t.close()
  })

  it('rebuild moves responses to the right quarter when the time zone changes', async () => {
    const t = await createTestApp({ now: '2026-03-31T23:30:00Z' })
    const agency = await makeAgency(t.db)
    const desk = await makeDesk(t.db, agency.id)
    await post(t.app, '/api/v1/responses', { submissionId: crypto.randomUUID(), survey: 'mot-cua@1', answers: { overall: 4 } }, desk.token)
    expect((await t.db.selectFrom('responses').select('quarter').executeTakeFirstOrThrow()).quarter).toBe('2026-Q2')
    const result = await rebuildRollups(t.db, new SurveyCatalog(t.db), 'UTC')
    expect(result.requartered).toBe(1)
    expect((await t.db.selectFrom('rollups').select('quarter').distinct().execute()).map((r) => r.quarter)).toEqual(['2026-Q1'])
    await t.close()
  })
})
